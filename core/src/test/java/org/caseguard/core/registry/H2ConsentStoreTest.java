package org.caseguard.core.registry;

import java.nio.file.Path;

import org.caseguard.core.consent.ConsentStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

class H2ConsentStoreTest extends ConsentStoreContract {
    @TempDir
    Path workingDirectory;

    private RegistryStore registry;
    private ConsentStore consents;
    private final TestClock clock = new TestClock(START);

    @Override
    void open() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        // The same URL settings as RegistryStores uses for the embedded default.
        h2.setURL("jdbc:h2:file:" + workingDirectory.resolve("registry").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        h2.setUser("caseguard");
        h2.setPassword("");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(h2);
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
