package org.caseguard.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.caseguard.core.consent.ConsentChange;
import org.caseguard.core.consent.ConsentJson;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentStore;

/**
 * {@link ConsentStore} on the registry's database (H2 or PostgreSQL, same SQL, schema V2__consent.sql). Each
 * stored state of a record is a row valid over {@code [valid_from, valid_to)}, so the state at any instant is one
 * indexed lookup; each write also records its field-level changes. A write first increments
 * {@code registry_version}: that row lock serialises consent writers across James nodes, so the validity
 * intervals of one client never overlap, and the change is seen by every cache in the same transaction.
 * Time comes from the injected clock, at microsecond precision (what both databases keep).
 */
public final class JdbcConsentStore implements ConsentStore {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcConsentStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcConsentStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private <T> T read(JdbcRegistryStore.SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new RegistryException("consent registry read failed", e);
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
            throw new RegistryException("consent registry write failed", e);
        }
    }

    @Override
    public long version() {
        return read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT version FROM registry_version WHERE id = 1");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public List<ConsentRecord> all() {
        return read(connection -> records(connection,
            "SELECT record_json FROM consent_versions WHERE valid_to IS NULL ORDER BY client_id"));
    }

    @Override
    public Optional<ConsentRecord> find(String clientId) {
        return read(connection -> records(connection,
            "SELECT record_json FROM consent_versions WHERE client_id = ? AND valid_to IS NULL", clientId)).stream().findFirst();
    }

    @Override
    public Optional<ConsentRecord> findAsOf(String clientId, Instant when) {
        OffsetDateTime at = timestamp(when);
        return read(connection -> records(connection, "SELECT record_json FROM consent_versions WHERE client_id = ?"
            + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)", clientId, at, at)).stream().findFirst();
    }

    @Override
    public List<ConsentRecord> allAsOf(Instant when) {
        OffsetDateTime at = timestamp(when);
        return read(connection -> records(connection, "SELECT record_json FROM consent_versions"
            + " WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY client_id", at, at));
    }

    @Override
    public void put(ConsentRecord record, String changedBy) {
        write(connection -> {
            put(connection, record, changedBy);
            return null;
        });
    }

    @Override
    public void putAll(List<ConsentRecord> records, String changedBy) {
        Set<String> seen = new HashSet<>();
        for (ConsentRecord record : records) {
            if (!seen.add(record.clientId())) {
                throw new InvalidRecordException("clientId", "client \"" + record.clientId() + "\" appears more than once in one batch");
            }
        }
        write(connection -> {
            for (ConsentRecord record : records) {
                put(connection, record, changedBy);
            }
            return null;
        });
    }

    @Override
    public boolean delete(String clientId, String changedBy) {
        return write(connection -> {
            Optional<Current> current = current(connection, clientId);
            if (current.isEmpty()) {
                return false;
            }
            Instant at = now(current);
            JdbcRegistryStore.update(connection, "UPDATE consent_versions SET valid_to = ? WHERE client_id = ? AND seq = ?",
                timestamp(at), clientId, current.get().seq());
            recordChanges(connection, clientId, at, changedBy, ConsentJson.flatten(current.get().record()), Map.of());
            return true;
        });
    }

    @Override
    public List<ConsentChange> history(String clientId) {
        return read(connection -> {
            List<ConsentChange> changes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT changed_at, changed_by, field, old_value, new_value"
                + " FROM consent_changes WHERE client_id = ? ORDER BY id")) {
                statement.setString(1, clientId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new ConsentChange(clientId, rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getString(2),
                            rows.getString(3), Optional.ofNullable(rows.getString(4)), Optional.ofNullable(rows.getString(5))));
                    }
                }
            }
            return changes;
        });
    }

    private record Current(int seq, Instant validFrom, ConsentRecord record) {
    }

    private void put(Connection connection, ConsentRecord record, String changedBy) throws SQLException {
        requireActor(changedBy);
        if (!exists(connection, record.clientId())) {
            throw new InvalidRecordException("clientId", "unknown client \"" + record.clientId() + "\": register the client first");
        }
        Optional<Current> current = current(connection, record.clientId());
        Map<String, String> before = current.map(c -> ConsentJson.flatten(c.record())).orElse(Map.of());
        Map<String, String> after = ConsentJson.flatten(record);
        if (current.isPresent() && before.equals(after)) {
            return;
        }
        Instant at = now(current);
        if (current.isPresent()) {
            JdbcRegistryStore.update(connection, "UPDATE consent_versions SET valid_to = ? WHERE client_id = ? AND seq = ?",
                timestamp(at), record.clientId(), current.get().seq());
        }
        int seq = nextSeq(connection, record.clientId());
        JdbcRegistryStore.update(connection, "INSERT INTO consent_versions (client_id, seq, valid_from, valid_to, record_json, changed_by)"
            + " VALUES (?, ?, ?, NULL, ?, ?)", record.clientId(), seq, timestamp(at), ConsentJson.write(record), changedBy);
        recordChanges(connection, record.clientId(), at, changedBy, before, after);
    }

    private static void requireActor(String changedBy) {
        if (changedBy == null || changedBy.isBlank() || changedBy.length() > 200) {
            throw new InvalidRecordException("changedBy", "is required: who makes the change, 1 to 200 characters");
        }
    }

    /** Never before the current state began, even if the clock stepped back: intervals must not overlap. */
    private Instant now(Optional<Current> current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return current.map(Current::validFrom).filter(now::isBefore).orElse(now);
    }

    private static void recordChanges(Connection connection, String clientId, Instant at, String changedBy,
                                      Map<String, String> before, Map<String, String> after) throws SQLException {
        Set<String> fields = new LinkedHashSet<>(after.keySet());
        fields.addAll(before.keySet());
        fields.remove("clientId");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_changes"
            + " (client_id, changed_at, changed_by, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String field : fields) {
                String oldValue = before.get(field);
                String newValue = after.get(field);
                if (java.util.Objects.equals(oldValue, newValue)) {
                    continue;
                }
                insert.setString(1, clientId);
                insert.setObject(2, timestamp(at));
                insert.setString(3, changedBy);
                insert.setString(4, field);
                insert.setString(5, oldValue);
                insert.setString(6, newValue);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean exists(Connection connection, String clientId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM clients WHERE id = ?")) {
            statement.setString(1, clientId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Optional<Current> current(Connection connection, String clientId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT seq, valid_from, record_json FROM consent_versions WHERE client_id = ? AND valid_to IS NULL")) {
            statement.setString(1, clientId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Current(rows.getInt(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                    ConsentJson.read(rows.getString(3))));
            }
        }
    }

    private static int nextSeq(Connection connection, String clientId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(seq) FROM consent_versions WHERE client_id = ?")) {
            statement.setString(1, clientId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) + 1;
            }
        }
    }

    private static List<ConsentRecord> records(Connection connection, String sql, Object... parameters) throws SQLException {
        List<ConsentRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(ConsentJson.read(rows.getString(1)));
                }
            }
        }
        return records;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
