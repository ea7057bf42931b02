package org.caseguard.mailets;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.store.Journal;

/**
 * One journal per configured store for the whole server, whichever extension loader asks (see
 * {@link SharedRegistryStores}): the Merkle log has a single writer.
 */
final class SharedJournal {
    private static final Map<String, Journal> JOURNALS = new ConcurrentHashMap<>();

    private SharedJournal() {
    }

    static Journal open(Properties properties, Path workingDirectory) {
        String key = workingDirectory.toAbsolutePath().normalize() + "|" + new java.util.TreeMap<>(properties);
        return JOURNALS.computeIfAbsent(key, k -> {
            JdbcLeafStore leaves = LeafStores.open(properties, workingDirectory);
            ContentStore content = openContentStore(properties, workingDirectory, leaves);
            return Journal.open(leaves, content, Clock.systemUTC());
        });
    }

    private static ContentStore openContentStore(Properties properties, Path workingDirectory, JdbcLeafStore leaves) {
        return org.caseguard.journal.content.ContentStores.open(properties, workingDirectory, leaves.dataSource());
    }
}
