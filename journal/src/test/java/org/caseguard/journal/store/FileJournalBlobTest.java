package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.BlobNames;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.content.KeyScope;
import org.junit.jupiter.api.Test;

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
    protected boolean anyBlobUnder(String scopeFolder) throws Exception {
        Path folder = blobs().resolve(scopeFolder);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }

    private Path blobs() {
        return workingDirectory.resolve("var/caseguard/journal-content");
    }

    /**
     * A removal the filesystem refuses (here a folder someone put inside the scope's folder, which is not emptied) is
     * retried after an hour, then after longer; once the obstacle is gone the next due sweep empties the scope.
     */
    @Test
    void jrn6AScopeTheStoreCouldNotEmptyIsRetriedWhenDue() throws Exception {
        String key = received("mail-1", "released receipt copy");
        KeyScope scope = KeyScope.forMessage(key);
        Instant destroyedAt = Instant.now();
        destroyKeyOnly(scope, destroyedAt);
        Path obstacle = blobs().resolve(BlobNames.scopeFolder(scope)).resolve("not-ours");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("file"), "kept by someone else");

        Instant first = destroyedAt.plus(BlobSweeper.GRACE).plusSeconds(1);
        assertThat(sweepAt(leafStore, content, first)).isEqualTo(new BlobSweeper.Sweep(1, 0, 1));
        assertThat(retryRow(scope)).containsExactly(first.plus(Duration.ofHours(1)).toEpochMilli(), 1L);
        assertThat(sweepAt(leafStore, content, first.plus(Duration.ofMinutes(59))).checked()).as("not due yet").isZero();
        assertThat(sweepAt(leafStore, content, first.plus(Duration.ofHours(1)))).isEqualTo(new BlobSweeper.Sweep(1, 0, 1));
        assertThat(retryRow(scope)).containsExactly(first.plus(Duration.ofHours(3)).toEpochMilli(), 2L);

        Files.delete(obstacle.resolve("file"));
        Files.delete(obstacle);
        assertThat(sweepAt(leafStore, content, first.plus(Duration.ofHours(3)))).isEqualTo(new BlobSweeper.Sweep(1, 1, 0));
        assertThat(Files.exists(blobs().resolve(BlobNames.scopeFolder(scope)))).isFalse();
        assertThat(retryRow(scope)).isEmpty();
    }

    private List<Long> retryRow(KeyScope scope) throws Exception {
        try (Connection connection = leafStore.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT retry_at, attempts FROM journal_blob_sweep WHERE key_scope = ?")) {
            select.setString(1, scope.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? List.of(rows.getLong(1), rows.getLong(2)) : List.of();
            }
        }
    }

    @Override
    protected void writeBlob(String name, byte[] bytes) throws Exception {
        Path file = workingDirectory.resolve("var/caseguard/journal-content").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
