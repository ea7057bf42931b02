package org.caseguard.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the registry store that {@code caseguard.properties} describes and migrates its schema:
 * <ul>
 * <li>{@code registry.backend}: {@code h2} (default, embedded, no setup) or {@code postgresql}</li>
 * <li>{@code registry.h2.path}: H2 database path, relative to the working directory (default {@code var/caseguard/registry})</li>
 * <li>{@code registry.jdbc.url}, {@code registry.jdbc.user}: PostgreSQL connection</li>
 * <li>{@code registry.jdbc.passwordEnv} (an environment variable's name) or {@code registry.jdbc.passwordFile}
 *     (a file holding only the password): never the password itself in the configuration</li>
 * <li>{@code registry.pool.size}: connections, 1..100 (default 5)</li>
 * </ul>
 */
public final class RegistryStores {
    public static final String MIGRATIONS = "classpath:db/caseguard/registry";
    private static final Set<String> KNOWN_KEYS = Set.of("registry.backend", "registry.h2.path", "registry.jdbc.url",
        "registry.jdbc.user", "registry.jdbc.passwordEnv", "registry.jdbc.passwordFile", "registry.pool.size");

    private RegistryStores() {
    }

    public static RegistryStore open(Properties properties, Path workingDirectory) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("registry.") && !KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("caseguard.properties: unknown key '" + key + "'; known keys are " + new java.util.TreeSet<>(KNOWN_KEYS));
            }
        }
        String backend = properties.getProperty("registry.backend", "h2").trim();
        int poolSize = poolSize(properties.getProperty("registry.pool.size", "5"));
        // Data sources, not JDBC URLs: in a stock James this code lives in the extension class loader, where
        // DriverManager (system class loader) cannot see the H2 and PostgreSQL drivers.
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(poolSize);
        pool.setPoolName("caseguard-registry");
        switch (backend) {
            case "h2" -> {
                Path path = workingDirectory.resolve(properties.getProperty("registry.h2.path", "var/caseguard/registry").trim()).toAbsolutePath();
                org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
                // WRITE_DELAY=0: H2 writes each commit out before returning (its default holds commits up to 500 ms), so a
                // registry change the caller was told is committed survives a crash of the process (CrashRecoveryEndToEndTest).
                h2.setURL("jdbc:h2:file:" + path + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
                h2.setUser("caseguard");
                h2.setPassword("");
                pool.setDataSource(h2);
            }
            case "postgresql" -> {
                String url = required(properties, "registry.jdbc.url");
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("caseguard.properties: 'registry.jdbc.url' must start with jdbc:postgresql:, got '" + url + "'");
                }
                org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
                postgres.setURL(url);
                postgres.setUser(required(properties, "registry.jdbc.user"));
                postgres.setPassword(password(properties));
                pool.setDataSource(postgres);
            }
            default -> throw new IllegalArgumentException("caseguard.properties: 'registry.backend' must be one of h2, postgresql, got '" + backend + "'");
        }
        return open(new HikariDataSource(pool));
    }

    /** A store on an already configured data source; migrates it first. Closing the store closes the pool. */
    public static RegistryStore open(HikariDataSource dataSource) {
        try {
            // Our class loader, not the thread's: in a stock James the migrations are inside the extension jar.
            Flyway.configure(RegistryStores.class.getClassLoader())
                .failOnMissingLocations(true)
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table("caseguard_registry_schema_history")
                .load()
                .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcRegistryStore(dataSource, dataSource);
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
        throw new IllegalArgumentException("caseguard.properties: 'registry.pool.size' must be a whole number from 1 to 100, got '" + value + "'");
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: '" + key + "' is required when registry.backend=postgresql");
        }
        return value;
    }

    private static String password(Properties properties) {
        String env = properties.getProperty("registry.jdbc.passwordEnv", "").trim();
        String file = properties.getProperty("registry.jdbc.passwordFile", "").trim();
        if (!env.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: give either 'registry.jdbc.passwordEnv' or 'registry.jdbc.passwordFile', not both");
        }
        if (!env.isEmpty()) {
            String password = System.getenv(env);
            if (password == null) {
                throw new IllegalArgumentException("caseguard.properties: 'registry.jdbc.passwordEnv' names environment variable " + env + ", which is not set");
            }
            return password;
        }
        if (!file.isEmpty()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("caseguard.properties: 'registry.jdbc.passwordFile' cannot be read", e);
            }
        }
        return "";
    }
}
