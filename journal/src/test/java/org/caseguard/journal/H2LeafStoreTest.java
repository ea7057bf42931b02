package org.caseguard.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: an H2 file database, configured as shipped. */
class H2LeafStoreTest extends LeafStoreContract {
    @TempDir
    Path workingDirectory;

    private final List<LeafStore> opened = new ArrayList<>();

    private LeafStore open() {
        Properties properties = new Properties();
        properties.setProperty("journal.h2.path", "var/journal");
        LeafStore store = LeafStores.open(properties, workingDirectory);
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() {
        opened.forEach(LeafStore::close);
    }

    @Override
    LeafStore store() {
        return opened.isEmpty() ? open() : opened.get(0);
    }

    @Override
    LeafStore reopen() {
        return open();
    }
}
