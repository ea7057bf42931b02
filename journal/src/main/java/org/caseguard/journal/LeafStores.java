package org.caseguard.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the journal's log store that {@code caseguard.properties} describes and migrates its schema:
 * <ul>
 * <li>{@code journal.backend}: {@code h2} (default, embedded, no setup) or {@code postgresql}</li>
 * <li>{@code journal.h2.path}: H2 database path, relative to the working directory (default {@code var/caseguard/journal})</li>
 * <li>{@code journal.jdbc.url}, {@code journal.jdbc.user}: PostgreSQL connection</li>
 * <li>{@code journal.jdbc.passwordEnv} (an environment variable's name) or {@code journal.jdbc.passwordFile}
 *     (a file holding only the password): never the password itself in the configuration</li>
 * <li>{@code journal.pool.size}: connections, 1..100 (default 5)</li>
 * </ul>
 * The journal's later tables (entries, retention) belong in the same migration location, so one data source
 * serves the whole journal.
 */
public final class LeafStores {
    public static final String MIGRATIONS = "classpath:db/caseguard/journal";
    private static final Set<String> KNOWN_KEYS = Set.of("journal.backend", "journal.h2.path", "journal.jdbc.url",
        "journal.jdbc.user", "journal.jdbc.passwordEnv", "journal.jdbc.passwordFile", "journal.pool.size");

    /** How long H2 may hold commits before writing them out itself; journal appends are durable through the write-ahead log. */
    private static final int H2_WRITE_DELAY_MILLIS = 1000;

    private LeafStores() {
    }

    public static JdbcLeafStore open(Properties properties, Path workingDirectory) {
        for (String key : properties.stringPropertyNames()) {
            boolean storeKey = key.equals("journal.backend") || key.startsWith("journal.h2.") || key.startsWith("journal.jdbc.") || key.startsWith("journal.pool.");
            if (storeKey && !KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("caseguard.properties: unknown key '" + key + "'; known keys are " + new TreeSet<>(KNOWN_KEYS));
            }
        }
        String backend = properties.getProperty("journal.backend", "h2").trim();
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(poolSize(properties.getProperty("journal.pool.size", "5")));
        pool.setPoolName("caseguard-journal");
        // Data sources, not JDBC URLs: in a stock James this code lives in the extension class loader, where
        // DriverManager (system class loader) cannot see the H2 and PostgreSQL drivers.
        switch (backend) {
            case "h2" -> {
                Path path = workingDirectory.resolve(properties.getProperty("journal.h2.path", "var/caseguard/journal").trim()).toAbsolutePath();
                return openH2(path, pool);
            }
            case "postgresql" -> {
                String url = required(properties, "journal.jdbc.url");
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("caseguard.properties: 'journal.jdbc.url' must start with jdbc:postgresql:, got '" + url + "'");
                }
                org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
                postgres.setURL(url);
                postgres.setUser(required(properties, "journal.jdbc.user"));
                postgres.setPassword(password(properties, workingDirectory));
                pool.setDataSource(postgres);
            }
            default -> throw new IllegalArgumentException("caseguard.properties: 'journal.backend' must be one of h2, postgresql, got '" + backend + "'");
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcLeafStore(dataSource, dataSource);
    }

    /**
     * H2 with its write delay: the journal's group commits go through a pool of their own and are made durable by the
     * journal's write-ahead log ({@code <path>.wal}) before they commit, so H2 writes their pages once per checkpoint
     * instead of once per commit; every other commit is written out to the file when it returns ({@link WrittenOutCommits}).
     */
    private static JdbcLeafStore openH2(Path path, HikariConfig pool) {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + path + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=" + H2_WRITE_DELAY_MILLIS);
        h2.setUser("caseguard");
        h2.setPassword("");
        pool.setDataSource(new WrittenOutCommits(h2));
        HikariDataSource dataSource = new HikariDataSource(pool);
        HikariConfig appendPool = new HikariConfig();
        appendPool.setPoolName("caseguard-journal-appends");
        appendPool.setMaximumPoolSize(1);
        appendPool.setDataSource(h2);
        HikariDataSource appends;
        try {
            migrate(dataSource);
            appends = new HikariDataSource(appendPool);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        Path writeAheadLog = path.resolveSibling(path.getFileName() + ".wal");
        return new JdbcLeafStore(dataSource, appends, Optional.of(writeAheadLog), () -> {
            appends.close();
            dataSource.close();
        });
    }

    /** Brings the journal schema up to date on the data source. */
    public static void migrate(DataSource dataSource) {
        // Our class loader, not the thread's: in a stock James the migrations are inside the extension jar.
        Flyway.configure(LeafStores.class.getClassLoader())
            .failOnMissingLocations(true)
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .table("caseguard_journal_schema_history")
            .load()
            .migrate();
    }

    private static int poolSize(String value) {
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("caseguard.properties: 'journal.pool.size' must be a whole number from 1 to 100, got '" + value + "'");
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: '" + key + "' is required when journal.backend=postgresql");
        }
        return value;
    }

    private static String password(Properties properties, Path workingDirectory) {
        String env = properties.getProperty("journal.jdbc.passwordEnv", "").trim();
        String file = properties.getProperty("journal.jdbc.passwordFile", "").trim();
        if (!env.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: give either 'journal.jdbc.passwordEnv' or 'journal.jdbc.passwordFile', not both");
        }
        if (!env.isEmpty()) {
            String password = System.getenv(env);
            if (password == null) {
                throw new IllegalArgumentException("caseguard.properties: 'journal.jdbc.passwordEnv' names environment variable " + env + ", which is not set");
            }
            return password;
        }
        if (!file.isEmpty()) {
            try {
                return Files.readString(workingDirectory.resolve(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("caseguard.properties: 'journal.jdbc.passwordFile' cannot be read", e);
            }
        }
        return "";
    }
}
