package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every content backend must do (JRN-6, JRN-7), run on files ({@link FileContentStoreTest}) and on a real S3 API
 * ({@link S3ContentStoreTest}): exact bytes, nothing in clear, dedup within a scope, tampering reported, destroyed
 * scopes unreadable, content surviving a restart.
 */
abstract class ContentStoreContract {
    static final KeyScope CASE = KeyScope.forCase("2024-CW-00017");
    static final KeyScope OTHER_CASE = KeyScope.forCase("2024-CW-00018");

    @TempDir
    Path workingDirectory;

    JdbcLeafStore database;
    ContentStore store;

    /** The {@code journal.content.*} keys of the backend under test; the same within one test. */
    protected abstract Properties contentProperties();

    protected abstract Map<String, String> environment();

    /** Every stored blob by its name, as the backend itself holds it (files, objects). */
    protected abstract List<String> blobNames() throws Exception;

    protected abstract byte[] readBlob(String name) throws Exception;

    protected abstract void writeBlob(String name, byte[] bytes) throws Exception;

    @BeforeEach
    void open() {
        database = LeafStores.open(new Properties(), workingDirectory);
        store = ContentStores.open(contentProperties(), workingDirectory, database.dataSource(), environment()::get);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    static byte[] message(String text) {
        return ("Subject: case note\r\n\r\n" + text.repeat(50) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void contentComesBackExactlyAndIsNotStoredInClear() throws Exception {
        byte[] bytes = message("the client disclosed ");
        ContentRef ref = store.put(CASE, bytes);

        assertThat(store.get(ref)).isEqualTo(bytes);
        assertThat(blobNames()).hasSize(1);
        for (String name : blobNames()) {
            assertThat(name).doesNotContain("2024-CW-00017");
            assertThat(new String(readBlob(name), StandardCharsets.ISO_8859_1)).doesNotContain("client disclosed").startsWith("CGB2");
        }
    }

    @Test
    void emptyContentComesBackEmpty() {
        assertThat(store.get(store.put(CASE, new byte[0]))).isEmpty();
    }

    @Test
    void theSameBytesInOneScopeAreStoredOnceAndInTwoScopesTwice() throws Exception {
        byte[] bytes = message("reply quoting ");
        store.put(CASE, bytes);
        store.put(CASE, bytes);
        assertThat(blobNames()).hasSize(1);

        store.put(OTHER_CASE, bytes);
        assertThat(blobNames()).hasSize(2);
    }

    @Test
    void aFlippedByteIsReportedAsAltered() throws Exception {
        ContentRef ref = store.put(CASE, message("note "));
        byte[] stored = readBlob(BlobNames.blobName(ref));
        stored[stored.length - 5] ^= 1;
        writeBlob(BlobNames.blobName(ref), stored);

        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void aBlobMovedInPlaceOfAnotherIsReportedAsAltered() throws Exception {
        ContentRef first = store.put(CASE, message("first "));
        ContentRef second = store.put(CASE, message("second "));
        writeBlob(BlobNames.blobName(second), readBlob(BlobNames.blobName(first)));

        assertThatThrownBy(() -> store.get(second)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void aDeletedBlobIsGoneAndReportedMissing() throws Exception {
        ContentRef ref = store.put(CASE, message("to delete "));
        ContentRef kept = store.put(CASE, message("to keep "));

        assertThat(store.holds(ref)).isTrue();
        assertThat(store.delete(ref)).isTrue();
        assertThat(store.delete(ref)).isFalse();
        assertThat(store.holds(ref)).as("not there, so a false delete was no refusal").isFalse();
        assertThat(store.holds(kept)).isTrue();
        assertThat(blobRetries()).as("nothing refused, nothing for the sweep").isZero();
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.MISSING));
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
        assertThat(blobNames()).containsExactly(BlobNames.blobName(kept));
    }

    @Test
    void jrn6DestroyingAScopeMakesItsContentUnreadableAndRefusesNewContent() throws Exception {
        ContentRef ref = store.put(CASE, message("to dispose "));
        ContentRef kept = store.put(OTHER_CASE, message("to keep "));

        store.destroyScope(CASE);

        assertThat(store.isDestroyed(CASE)).isTrue();
        assertThat(store.isDestroyed(OTHER_CASE)).isFalse();
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
        assertThatThrownBy(() -> store.put(CASE, message("late mail "))).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
        assertThat(blobNames()).containsExactly(BlobNames.blobName(kept));
    }

    @Test
    void jrn6ABlobLeftBehindInADestroyedScopeStaysUnreadable() throws Exception {
        ContentRef ref = store.put(CASE, message("locked in place "));
        byte[] sealed = readBlob(BlobNames.blobName(ref));

        store.destroyScope(CASE);
        writeBlob(BlobNames.blobName(ref), sealed); // as if the store had refused the deletion (Object Lock)

        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
    }

    @Test
    void contentSurvivesARestartWithTheGeneratedMasterKey() {
        ContentRef ref = store.put(CASE, message("durable "));
        store.close();
        database.close();

        database = LeafStores.open(new Properties(), workingDirectory);
        store = ContentStores.open(contentProperties(), workingDirectory, database.dataSource(), environment()::get);
        assertThat(store.get(ref)).isEqualTo(message("durable "));
    }

    /** A message of a case thread with a 100 KB attachment (base64 of random bytes, as a PDF would be) after its own text. */
    static byte[] withAttachment(String text, byte[] attachment) {
        String encoded = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return ("Subject: " + text + "\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n" + text.repeat(40)
            + "\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b--\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    private long storedBytes() throws Exception {
        long total = 0;
        for (String name : blobNames()) {
            total += readBlob(name).length;
        }
        return total;
    }

    @Test
    void anAttachmentTwoMessagesOfACaseCarryIsStoredOnce() throws Exception {
        byte[] attachment = randomBytes(100_000, 1);
        byte[] first = withAttachment("Court report draft attached. ", attachment);
        byte[] reply = withAttachment("Thanks, a few comments on the report below and inline. ", attachment);

        ContentRef firstRef = store.put(CASE, first);
        long afterFirst = storedBytes();
        ContentRef replyRef = store.put(CASE, reply);
        long added = storedBytes() - afterFirst;

        assertThat(store.get(firstRef)).isEqualTo(first);
        assertThat(store.get(replyRef)).isEqualTo(reply);
        assertThat(added).as("bytes stored for the reply, whose attachment is stored already").isLessThan(reply.length / 4);
        assertThat(store.put(OTHER_CASE, reply)).isNotNull();
        assertThat(storedBytes() - afterFirst - added).as("another case's key: stored again").isGreaterThan(attachment.length);
    }

    @Test
    void deletingOneMessageKeepsTheChunksAnotherStillUses() throws Exception {
        byte[] attachment = randomBytes(100_000, 2);
        ContentRef first = store.put(CASE, withAttachment("First. ", attachment));
        byte[] reply = withAttachment("Reply. ", attachment);
        ContentRef replyRef = store.put(CASE, reply);
        int blobsBefore = blobNames().size();

        store.delete(first);

        assertThat(store.get(replyRef)).isEqualTo(reply);
        assertThat(blobNames().size()).isLessThan(blobsBefore);
        assertThatThrownBy(() -> store.get(first)).isInstanceOf(ContentUnavailableException.class);
        store.delete(replyRef);
        assertThat(blobNames()).isEmpty();
    }

    @Test
    void aChangedChunkOrAChunkListThatNoLongerAddsUpIsReportedAsAltered() throws Exception {
        byte[] large = withAttachment("Report. ", randomBytes(150_000, 3));
        ContentRef ref = store.put(CASE, large);
        List<String> names = blobNames();
        assertThat(names).hasSizeGreaterThan(2);

        try (java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE journal_chunk SET part = 1000 WHERE part = 0");
            statement.executeUpdate("UPDATE journal_chunk SET part = 0 WHERE part = 1");
            statement.executeUpdate("UPDATE journal_chunk SET part = 1 WHERE part = 1000");
        }
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void jrn6ADestroyedScopeLeavesNoChunkReadable() {
        ContentRef ref = store.put(CASE, withAttachment("Report. ", randomBytes(120_000, 4)));

        store.destroyScope(CASE);

        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isIn(ContentUnavailableException.Reason.DESTROYED, ContentUnavailableException.Reason.MISSING));
        assertThatThrownBy(() -> store.put(CASE, withAttachment("Later. ", randomBytes(120_000, 5))))
            .isInstanceOfSatisfying(ContentUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
    }

    private int blobRetries() throws Exception {
        try (java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM journal_blob_retry")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
