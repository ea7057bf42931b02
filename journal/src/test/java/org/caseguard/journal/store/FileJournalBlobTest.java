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
import org.caseguard.journal.content.ContentRef;
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

    /**
     * A single blob of a scope that stays, which the store would not delete (here a folder in its place, not emptied;
     * under Object Lock, a retention still running): its key is live, so the sweep deletes it once the store lets it,
     * and leaves it where content recorded since refers to it again.
     */
    @Test
    void jrn6ABlobTheStoreWouldNotDeleteIsDeletedLaterUnlessReferredToAgain() throws Exception {
        KeyScope scope = new KeyScope("case:2026-CW-00042#1");
        ContentRef refused = content.put(scope, "Subject: one\r\n\r\ndisposed\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ContentRef again = content.put(scope, "Subject: two\r\n\r\nsent once more later\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ContentRef kept = content.put(scope, "Subject: three\r\n\r\nnot due\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (ContentRef ref : List.of(refused, again)) {
            Path blob = blobs().resolve(BlobNames.blobName(ref));
            Files.delete(blob);
            Files.createDirectories(blob);
            Files.writeString(blob.resolve("held"), "the store keeps it");
        }
        Instant deletedAt = Instant.now();

        assertThat(content.delete(refused)).isFalse();
        assertThat(content.delete(again)).isFalse();
        assertThat(blobRetryRow(refused)).as("refused, so listed for the sweep").hasSize(2).element(1).isEqualTo(1L);
        try (Connection connection = leafStore.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO journal_content (message_key, key_scope, sha256, size) VALUES ('0190a000-0000-7000-8000-000000000077', ?, ?, ?)")) {
            insert.setString(1, scope.value());
            insert.setBytes(2, again.sha256().bytes());
            insert.setLong(3, again.size());
            insert.executeUpdate(); // the same bytes arrive again in the case and are recorded
        }

        Instant due = deletedAt.plus(Duration.ofHours(1)).plusSeconds(60);
        assertThat(sweepAt(leafStore, content, deletedAt.plus(Duration.ofMinutes(30))).checked()).as("not due yet").isZero();
        assertThat(sweepAt(leafStore, content, due)).isEqualTo(new BlobSweeper.Sweep(2, 1, 1));
        assertThat(blobRetryRow(again)).as("referred to again: kept, no longer listed").isEmpty();
        assertThat(Files.exists(blobs().resolve(BlobNames.blobName(again)).resolve("held"))).isTrue();
        assertThat(blobRetryRow(refused)).containsExactly(due.plus(Duration.ofHours(2)).toEpochMilli(), 2L);

        Files.delete(blobs().resolve(BlobNames.blobName(refused)).resolve("held")); // the store lets it go now
        assertThat(sweepAt(leafStore, content, due.plus(Duration.ofHours(2)))).isEqualTo(new BlobSweeper.Sweep(1, 1, 0));
        assertThat(content.holds(refused)).isFalse();
        assertThat(blobRetryRow(refused)).isEmpty();
        assertThat(new String(content.get(kept), java.nio.charset.StandardCharsets.UTF_8)).contains("not due");
    }

    private List<Long> blobRetryRow(ContentRef blob) throws Exception {
        try (Connection connection = leafStore.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT retry_at, attempts FROM journal_blob_retry WHERE key_scope = ? AND sha256 = ?")) {
            select.setString(1, blob.scope().value());
            select.setBytes(2, blob.sha256().bytes());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? List.of(rows.getLong(1), rows.getLong(2)) : List.of();
            }
        }
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
