package org.caseguard.core.registry;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.domain.Domains;

/** {@link CertificateStore} on the registry database (migration V4); every write bumps {@code registry_version}. */
public final class JdbcCertificateStore implements CertificateStore {
    private final DataSource dataSource;

    public JdbcCertificateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private <T> T read(JdbcRegistryStore.SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new RegistryException("certificate store read failed", e);
        }
    }

    private <T> T write(JdbcRegistryStore.SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcRegistryStore.update(connection, "UPDATE registry_version SET version = version + 1 WHERE id = 1");
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("certificate store write failed", e);
        }
    }

    @Override
    public String add(X509Certificate certificate, Role role, String addedBy) {
        byte[] der = encoded(certificate);
        String fingerprint = fingerprint(der);
        Set<String> addresses = role == Role.RECIPIENT ? emailAddresses(certificate) : Set.of();
        return write(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM smime_certificates WHERE fingerprint = ?")) {
                exists.setString(1, fingerprint);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return fingerprint;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO smime_certificates (fingerprint, role, der, pinned, added_by, added_at) VALUES (?, ?, ?, FALSE, ?, ?)")) {
                insert.setString(1, fingerprint);
                insert.setString(2, role.name());
                insert.setBytes(3, der);
                insert.setString(4, addedBy);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            for (String address : addresses) {
                JdbcRegistryStore.update(connection, "INSERT INTO smime_certificate_addresses (fingerprint, address) VALUES (?, ?)",
                    fingerprint, address);
            }
            return fingerprint;
        });
    }

    @Override
    public boolean remove(String fingerprint) {
        return write(connection -> JdbcRegistryStore.update(connection, "DELETE FROM smime_certificates WHERE fingerprint = ?",
            fingerprint) > 0);
    }

    @Override
    public boolean pin(String fingerprint, boolean pinned) {
        return write(connection -> JdbcRegistryStore.update(connection,
            "UPDATE smime_certificates SET pinned = ? WHERE fingerprint = ? AND role = 'RECIPIENT'", pinned, fingerprint) > 0);
    }

    @Override
    public List<Stored> all() {
        return read(connection -> query(connection, "SELECT fingerprint, role, der, pinned FROM smime_certificates ORDER BY added_at", null));
    }

    @Override
    public List<Stored> forAddress(String address) {
        String key = Domains.normaliseAddress(address == null ? "" : address.trim()).orElse("");
        return read(connection -> query(connection, "SELECT c.fingerprint, c.role, c.der, c.pinned FROM smime_certificates c "
            + "JOIN smime_certificate_addresses a ON a.fingerprint = c.fingerprint WHERE a.address = ? AND c.role = 'RECIPIENT'", key));
    }

    @Override
    public String addCrl(X509CRL crl, String addedBy) {
        byte[] der;
        try {
            der = crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IllegalArgumentException("the CRL cannot be encoded", e);
        }
        String fingerprint = fingerprint(der);
        return write(connection -> {
            JdbcRegistryStore.update(connection, "DELETE FROM smime_crls WHERE fingerprint = ?", fingerprint);
            JdbcRegistryStore.update(connection, "INSERT INTO smime_crls (fingerprint, der, added_by, added_at) VALUES (?, ?, ?, ?)",
                fingerprint, der, addedBy, Timestamp.from(Instant.now()));
            return fingerprint;
        });
    }

    @Override
    public List<X509CRL> crls() {
        return read(connection -> {
            List<X509CRL> crls = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT der FROM smime_crls");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    try {
                        crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(rows.getBytes(1))));
                    } catch (CertificateException | java.security.cert.CRLException e) {
                        throw new RegistryException("a stored CRL cannot be read", e);
                    }
                }
            }
            return crls;
        });
    }

    private static List<Stored> query(Connection connection, String sql, String parameter) throws SQLException {
        List<Stored> stored = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(new Stored(certificate(rows.getBytes(3)), Role.valueOf(rows.getString(2)), rows.getBoolean(4), rows.getString(1)));
                }
            }
        }
        return stored;
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new RegistryException("a stored certificate cannot be read", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> emailAddresses(X509Certificate certificate) {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(1).equals(name.get(0)) && name.get(1) instanceof String email) {
                        Domains.normaliseAddress(email.trim()).ifPresent(addresses::add);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the certificate's subject alternative names cannot be read", e);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the certificate names no email address in its subject alternative names, so it cannot be used"
                + " to encrypt to anyone (an address only in the subject CN does not count)");
        }
        return addresses;
    }
}
