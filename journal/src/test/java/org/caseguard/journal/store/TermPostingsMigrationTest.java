package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.caseguard.journal.LeafStores;
import org.caseguard.journal.JournalDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-3: a journal indexed before schema V9 (a row per word and message key) keeps every message's words when its
 * index moves to postings numbered from the message's received leaf, on both backends.
 */
class TermPostingsMigrationTest {
    @TempDir
    Path workingDirectory;

    @Test
    void jrn3WordsIndexedBeforeV9AreKeptUnderTheirMessagesOnH2() throws Exception {
        JournalDatabases.onH2(workingDirectory, this::wordsSurviveTheMigration);
    }

    @Test
    void jrn3WordsIndexedBeforeV9AreKeptUnderTheirMessagesOnPostgres() throws Exception {
        JournalDatabases.onPostgres(workingDirectory, this::wordsSurviveTheMigration);
    }

    private void wordsSurviveTheMigration(DataSource dataSource) throws SQLException {
        Flyway.configure(TermPostingsMigrationTest.class.getClassLoader()).dataSource(dataSource).locations(LeafStores.MIGRATIONS)
            .table("caseguard_journal_schema_history").target("8").load().migrate();
        Map<String, List<String>> before = new TreeMap<>();
        before.put("0190a000-0000-7000-8000-000000000001", List.of("0a", "0b", "0c"));
        before.put("0190a000-0000-7000-8000-000000000002", List.of("0b"));
        before.put("0190a000-0000-7000-8000-000000000003", List.of());
        try (Connection connection = dataSource.getConnection()) {
            long leaf = 0;
            for (Map.Entry<String, List<String>> message : before.entrySet()) {
                execute(connection, "INSERT INTO journal_message (message_key, received_leaf, received_at, content_sha256, content_size) VALUES (?, ?, 0, ?, 1)",
                    message.getKey(), leaf, new byte[32]);
                leaf += 2; // a verdicts record between two received ones
                for (String term : message.getValue()) {
                    execute(connection, "INSERT INTO journal_term (term, message_key) VALUES (?, ?)", HexFormat.of().parseHex(term), message.getKey());
                }
            }
        }

        LeafStores.migrate(dataSource);

        Map<String, List<String>> after = new TreeMap<>();
        before.keySet().forEach(key -> after.put(key, new ArrayList<>()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT m.message_key, p.term, p.id, m.received_leaf FROM journal_posting p JOIN journal_message m ON p.id / "
                 + IndexRows.POSTINGS_PER_MESSAGE + " = m.received_leaf ORDER BY p.id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                after.get(rows.getString(1)).add(HexFormat.of().formatHex(rows.getBytes(2)));
                assertThat(rows.getLong(3) % IndexRows.POSTINGS_PER_MESSAGE).as("numbered from 0 within the message").isLessThan(3);
            }
            assertThat(connection.getMetaData().getTables(null, null, "journal_term", null).next()
                || connection.getMetaData().getTables(null, null, "JOURNAL_TERM", null).next()).as("the old table is gone").isFalse();
        }
        assertThat(after).isEqualTo(before);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
