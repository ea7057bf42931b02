package org.caseguard.core.autoreply;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

class H2AutoReplyLedgerTest extends AutoReplyLedgerContract {
    @TempDir
    Path directory;

    private HikariDataSource dataSource;
    private RegistryStore store;

    @BeforeEach
    void open() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        // the same URL settings RegistryStores uses for the embedded backend
        h2.setURL("jdbc:h2:file:" + directory.resolve("registry") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        h2.setUser("caseguard");
        h2.setPassword("");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(h2);
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
        return hashes(dataSource.getConnection());
    }

    static List<String> hashes(Connection connection) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (connection; Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT address_hash FROM auto_replies ORDER BY address_hash")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        return hashes;
    }
}
