package org.caseguard.mailets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;

/**
 * James builds a separate child injector for each extension loader (mailets, matchers, WebAdmin routes), so a
 * Guice singleton would be one per loader. One connection pool and one migration run per configured store is
 * what we want; the shared state across James nodes stays in the database (see RegistryStore#version).
 */
final class SharedRegistryStores {
    private static final Map<String, RegistryStore> STORES = new ConcurrentHashMap<>();

    private SharedRegistryStores() {
    }

    static RegistryStore open(Properties properties, Path workingDirectory) {
        String key = workingDirectory.toAbsolutePath().normalize() + "|" + new java.util.TreeMap<>(properties);
        return STORES.computeIfAbsent(key, k -> RegistryStores.open(properties, workingDirectory));
    }
}
