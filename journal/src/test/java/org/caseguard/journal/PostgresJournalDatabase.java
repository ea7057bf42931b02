package org.caseguard.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded binaries) for running journal test suites on the production backend: one server per
 * test class, a fresh database per test.
 */
public final class PostgresJournalDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private PostgresJournalDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresJournalDatabase start() throws IOException {
        return new PostgresJournalDatabase(EmbeddedPostgres.builder().start());
    }

    /** Drops and recreates the journal database, and returns the {@code journal.*} keys that point at it. */
    public Properties freshDatabase(Path workingDirectory) {
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS caseguard_journal WITH (FORCE)");
            statement.execute("CREATE DATABASE caseguard_journal");
            Path passwordFile = workingDirectory.resolve("db-password");
            Files.writeString(passwordFile, "postgres\n", StandardCharsets.UTF_8);
            Properties properties = new Properties();
            properties.setProperty("journal.backend", "postgresql");
            properties.setProperty("journal.jdbc.url", postgres.getJdbcUrl("postgres", "caseguard_journal"));
            properties.setProperty("journal.jdbc.user", "postgres");
            properties.setProperty("journal.jdbc.passwordFile", passwordFile.toString());
            return properties;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("embedded PostgreSQL: the journal database could not be created", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
