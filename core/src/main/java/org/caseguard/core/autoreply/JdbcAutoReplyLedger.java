package org.caseguard.core.autoreply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.sql.DataSource;

import org.caseguard.core.registry.RegistryException;

/**
 * {@link AutoReplyLedger} in the registry database (table {@code auto_replies}, migration V3). Atomic across nodes
 * without locks held between statements: a conditional {@code UPDATE} claims an existing row only if its last reply
 * is older than the period (the database re-checks the condition after waiting for a concurrent writer's row lock),
 * and the first reply ever is an {@code INSERT} whose primary key lets only one concurrent writer win. Writes here
 * do not bump the registry version: a reply is no registry change, and caches must not be rebuilt for it.
 */
public final class JdbcAutoReplyLedger implements AutoReplyLedger {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcAutoReplyLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean tryRecord(String address, String kind, Instant now, Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative");
        }
        String hash = addressHash(address);
        long nowMs = now.toEpochMilli();
        long notAfterMs = now.minus(period).toEpochMilli();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement claim = connection.prepareStatement(
                "UPDATE auto_replies SET last_sent_ms = ? WHERE address_hash = ? AND kind = ? AND last_sent_ms <= ?")) {
                claim.setLong(1, nowMs);
                claim.setString(2, hash);
                claim.setString(3, kind);
                claim.setLong(4, notAfterMs);
                if (claim.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement first = connection.prepareStatement(
                "INSERT INTO auto_replies (address_hash, kind, last_sent_ms) VALUES (?, ?, ?)")) {
                first.setString(1, hash);
                first.setString(2, kind);
                first.setLong(3, nowMs);
                first.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("auto-reply ledger write failed", e);
        }
    }

    /** Hex SHA-256 of the trimmed, lower-cased address: case variants of one mailbox share one limit. */
    static String addressHash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
