package org.caseguard.journal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;

/** {@link JournalBlobTest} on the embedded default: encrypted files. */
class FileJournalBlobTest extends JournalBlobTest {
    @Override
    protected ContentStore openContent(Path workingDirectory, JdbcLeafStore leafStore) {
        return ContentStores.open(new Properties(), workingDirectory, leafStore.dataSource());
    }

    @Override
    protected byte[] readBlob(String name) throws Exception {
        return Files.readAllBytes(workingDirectory.resolve("var/caseguard/journal-content").resolve(name));
    }

    @Override
    protected void writeBlob(String name, byte[] bytes) throws Exception {
        Path file = workingDirectory.resolve("var/caseguard/journal-content").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
