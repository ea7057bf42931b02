package org.caseguard.core.registry;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.caseguard.core.domain.Domains;

/**
 * {@link RegistryStore} on JDBC: H2 (embedded default) or PostgreSQL, same SQL. Every write runs in one
 * transaction that also increments {@code registry_version}, so every node sharing the database sees the change
 * by comparing versions. Keys are normalised on the way in: domains to lower-case ASCII (IDNA) without trailing
 * dot, the domain part of addresses likewise (local parts are kept exactly: CN-4).
 */
public final class JdbcRegistryStore implements RegistryStore {
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final AutoCloseable onClose;
    private final JdbcConsentStore consents;
    private final org.caseguard.core.autoreply.AutoReplyLedger autoReplies;

    private final JdbcCertificateStore certificates;
    public JdbcRegistryStore(DataSource dataSource, AutoCloseable onClose) {
        this.dataSource = dataSource;
        this.onClose = onClose;
        this.consents = new JdbcConsentStore(dataSource);
        this.certificates = new JdbcCertificateStore(dataSource);
        this.autoReplies = new org.caseguard.core.autoreply.JdbcAutoReplyLedger(dataSource);
    }

    <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new RegistryException("registry read failed", e);
        }
    }

    <T> T write(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                try (PreparedStatement bump = connection.prepareStatement("UPDATE registry_version SET version = version + 1 WHERE id = 1")) {
                    bump.executeUpdate();
                }
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("registry write failed", e);
        }
    }

    @Override
    public long version() {
        return read(JdbcRegistryStore::version);
    }

    private static long version(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT version FROM registry_version WHERE id = 1");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public RegistrySnapshot snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // A snapshot across all tables: REPEATABLE READ is one on PostgreSQL, but on H2 only SERIALIZABLE is.
            boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
            connection.setTransactionIsolation(h2 ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long version = version(connection);
                List<String> domains = internalDomains(connection);
                Map<String, CaseRecord> cases = new HashMap<>();
                casesIn(connection, null).forEach(caseRecord -> cases.put(caseRecord.number(), caseRecord));
                Map<String, Client> clients = new HashMap<>();
                clientsIn(connection, null).forEach(client -> clients.put(client.id(), client));
                List<AllowListEntry> allowList = allowList(connection);
                Map<String, ExternalParty> parties = new HashMap<>();
                partiesIn(connection, null).forEach(party -> parties.put(party.address(), party));
                connection.commit();
                return new RegistrySnapshot(version, domains, cases, clients, allowList, parties);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new RegistryException("registry snapshot failed", e);
        }
    }

    // --- internal domains

    @Override
    public List<String> internalDomains() {
        return read(JdbcRegistryStore::internalDomains);
    }

    private static List<String> internalDomains(Connection connection) throws SQLException {
        List<String> domains = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT domain FROM internal_domains ORDER BY domain");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                domains.add(rows.getString(1));
            }
        }
        return domains;
    }

    @Override
    public void addInternalDomain(String domain) {
        String normalised = normaliseDomain(domain);
        write(connection -> {
            addInternalDomain(connection, normalised);
            return null;
        });
    }

    private static void addInternalDomain(Connection connection, String normalisedDomain) throws SQLException {
        if (!exists(connection, "SELECT 1 FROM internal_domains WHERE domain = ?", normalisedDomain)) {
            update(connection, "INSERT INTO internal_domains (domain) VALUES (?)", normalisedDomain);
        }
    }

    @Override
    public boolean removeInternalDomain(String domain) {
        String normalised = normaliseDomain(domain);
        return write(connection -> update(connection, "DELETE FROM internal_domains WHERE domain = ?", normalised) > 0);
    }

    // --- allow-list

    @Override
    public List<AllowListEntry> allowList() {
        return read(JdbcRegistryStore::allowList);
    }

    private static List<AllowListEntry> allowList(Connection connection) throws SQLException {
        List<AllowListEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT address, case_number, reason, encrypted_only FROM allow_list ORDER BY address, case_number");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String caseNumber = rows.getString(2);
                entries.add(new AllowListEntry(rows.getString(1), caseNumber.isEmpty() ? Optional.empty() : Optional.of(caseNumber),
                    rows.getString(3), rows.getBoolean(4)));
            }
        }
        return entries;
    }

    @Override
    public void addAllowListEntry(AllowListEntry entry) {
        write(connection -> {
            addAllowListEntry(connection, entry);
            return null;
        });
    }

    private static void addAllowListEntry(Connection connection, AllowListEntry entry) throws SQLException {
        String address = normaliseAllowAddress(entry.address());
        String caseNumber = entry.caseNumber().orElse("");
        if (update(connection, "UPDATE allow_list SET reason = ?, encrypted_only = ? WHERE address = ? AND case_number = ?", entry.reason(),
            entry.encryptedOnly(), address, caseNumber) == 0) {
            update(connection, "INSERT INTO allow_list (address, case_number, reason, encrypted_only) VALUES (?, ?, ?, ?)", address, caseNumber,
                entry.reason(), entry.encryptedOnly());
        }
    }

    @Override
    public boolean removeAllowListEntry(String address, Optional<String> caseNumber) {
        String normalised = normaliseAllowAddress(address);
        return write(connection -> update(connection, "DELETE FROM allow_list WHERE address = ? AND case_number = ?",
            normalised, caseNumber.orElse("")) > 0);
    }

    // --- parties

    @Override
    public List<ExternalParty> parties() {
        return read(connection -> partiesIn(connection, null));
    }

    @Override
    public Optional<ExternalParty> findParty(String address) {
        String normalised = normaliseAllowAddress(address);
        return read(connection -> partiesIn(connection, normalised)).stream().findFirst();
    }

    private static List<ExternalParty> partiesIn(Connection connection, String address) throws SQLException {
        String sql = "SELECT address, category, display_name FROM parties" + (address == null ? "" : " WHERE address = ?") + " ORDER BY address";
        List<ExternalParty> parties = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (address != null) {
                statement.setString(1, address);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parties.add(new ExternalParty(rows.getString(1), PartyCategory.parse(rows.getString(2)).orElse(PartyCategory.OTHER),
                        rows.getString(3)));
                }
            }
        }
        return parties;
    }

    @Override
    public void upsertParty(ExternalParty party) {
        write(connection -> {
            upsertParty(connection, party);
            return null;
        });
    }

    private static void upsertParty(Connection connection, ExternalParty party) throws SQLException {
        String address = normaliseAllowAddress(party.address());
        if (update(connection, "UPDATE parties SET category = ?, display_name = ? WHERE address = ?",
            party.category().wire(), party.displayName(), address) == 0) {
            update(connection, "INSERT INTO parties (address, category, display_name) VALUES (?, ?, ?)",
                address, party.category().wire(), party.displayName());
        }
    }

    @Override
    public boolean deleteParty(String address) {
        String normalised = normaliseAllowAddress(address);
        return write(connection -> update(connection, "DELETE FROM parties WHERE address = ?", normalised) > 0);
    }

    // --- cases

    @Override
    public List<CaseRecord> cases() {
        return read(connection -> casesIn(connection, null));
    }

    @Override
    public Optional<CaseRecord> findCase(String number) {
        return read(connection -> casesIn(connection, number)).stream().findFirst();
    }

    private static List<CaseRecord> casesIn(Connection connection, String number) throws SQLException {
        String where = number == null ? "" : " WHERE c.case_number = ?";
        Map<String, List<String>> clientsByCase = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT cc.case_number, cc.client_id FROM case_clients cc" + where.replace("c.case_number", "cc.case_number")
                    + " ORDER BY cc.case_number, cc.client_id")) {
            if (number != null) {
                statement.setString(1, number);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    clientsByCase.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        List<CaseRecord> cases = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.case_number, c.status, c.restricted FROM cases c" + where + " ORDER BY c.case_number")) {
            if (number != null) {
                statement.setString(1, number);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    cases.add(new CaseRecord(rows.getString(1), CaseStatus.valueOf(rows.getString(2)), rows.getBoolean(3),
                        clientsByCase.getOrDefault(rows.getString(1), List.of())));
                }
            }
        }
        return cases;
    }

    @Override
    public void upsertCase(CaseRecord caseRecord) {
        write(connection -> {
            upsertCase(connection, caseRecord);
            return null;
        });
    }

    static void upsertCase(Connection connection, CaseRecord caseRecord) throws SQLException {
        if (update(connection, "UPDATE cases SET status = ?, restricted = ? WHERE case_number = ?",
            caseRecord.status().name(), caseRecord.restricted(), caseRecord.number()) == 0) {
            update(connection, "INSERT INTO cases (case_number, status, restricted) VALUES (?, ?, ?)",
                caseRecord.number(), caseRecord.status().name(), caseRecord.restricted());
        }
        update(connection, "DELETE FROM case_clients WHERE case_number = ?", caseRecord.number());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_clients (case_number, client_id) VALUES (?, ?)")) {
            for (String clientId : new java.util.LinkedHashSet<>(caseRecord.clientIds())) {
                insert.setString(1, caseRecord.number());
                insert.setString(2, clientId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public boolean deleteCase(String number) {
        return write(connection -> update(connection, "DELETE FROM cases WHERE case_number = ?", number) > 0);
    }

    // --- clients

    @Override
    public List<Client> clients() {
        return read(connection -> clientsIn(connection, null));
    }

    @Override
    public Optional<Client> findClient(String id) {
        return read(connection -> clientsIn(connection, id)).stream().findFirst();
    }

    private static List<Client> clientsIn(Connection connection, String id) throws SQLException {
        Map<String, List<String>> identifiers = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT client_id, identifier FROM client_identifiers"
            + (id == null ? "" : " WHERE client_id = ?") + " ORDER BY client_id, identifier")) {
            if (id != null) {
                statement.setString(1, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    identifiers.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        Map<String, Client> clients = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, given_name, family_name, date_of_birth FROM clients"
            + (id == null ? "" : " WHERE id = ?") + " ORDER BY id")) {
            if (id != null) {
                statement.setString(1, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Date dateOfBirth = rows.getDate(4);
                    clients.put(rows.getString(1), new Client(rows.getString(1), rows.getString(2), rows.getString(3),
                        Optional.ofNullable(dateOfBirth).map(Date::toLocalDate), identifiers.getOrDefault(rows.getString(1), List.of())));
                }
            }
        }
        return new ArrayList<>(clients.values());
    }

    @Override
    public void upsertClient(Client client) {
        write(connection -> {
            upsertClient(connection, client);
            return null;
        });
    }

    static void upsertClient(Connection connection, Client client) throws SQLException {
        Date dateOfBirth = client.dateOfBirth().map(Date::valueOf).orElse(null);
        if (update(connection, "UPDATE clients SET given_name = ?, family_name = ?, date_of_birth = ? WHERE id = ?",
            client.givenName(), client.familyName(), dateOfBirth, client.id()) == 0) {
            update(connection, "INSERT INTO clients (id, given_name, family_name, date_of_birth) VALUES (?, ?, ?, ?)",
                client.id(), client.givenName(), client.familyName(), dateOfBirth);
        }
        update(connection, "DELETE FROM client_identifiers WHERE client_id = ?", client.id());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_identifiers (client_id, identifier) VALUES (?, ?)")) {
            for (String identifier : new java.util.LinkedHashSet<>(client.identifiers())) {
                insert.setString(1, client.id());
                insert.setString(2, identifier);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public boolean deleteClient(String id) {
        return write(connection -> {
            update(connection, "DELETE FROM case_clients WHERE client_id = ?", id);
            return update(connection, "DELETE FROM clients WHERE id = ?", id) > 0;
        });
    }

    @Override
    public void applyBatch(RegistryBatch batch) {
        write(connection -> {
            for (String domain : batch.internalDomains()) {
                addInternalDomain(connection, normaliseDomain(domain));
            }
            for (Client client : batch.clients()) {
                upsertClient(connection, client);
            }
            for (CaseRecord caseRecord : batch.cases()) {
                upsertCase(connection, caseRecord);
            }
            for (ExternalParty party : batch.parties()) {
                upsertParty(connection, party);
            }
            for (AllowListEntry entry : batch.allowList()) {
                addAllowListEntry(connection, entry);
            }
            return null;
        });
    }

    @Override
    public org.caseguard.core.crypto.CertificateStore certificates() {
        return certificates;
    }

    @Override
    public org.caseguard.core.consent.ConsentStore consents() {
        return consents;
    }

    @Override
    public org.caseguard.core.autoreply.AutoReplyLedger autoReplies() {
        return autoReplies;
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new RegistryException("closing the registry failed", e);
        }
    }

    // --- helpers

    static String normaliseDomain(String domain) {
        return Domains.normalise(domain).orElseThrow(() -> new IllegalArgumentException("not a domain name"));
    }

    static String normaliseAllowAddress(String address) {
        if (address.startsWith("@")) {
            return "@" + normaliseDomain(address.substring(1));
        }
        return Domains.normaliseAddress(address).orElseThrow(() -> new IllegalArgumentException("not an email address"));
    }

    private static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
