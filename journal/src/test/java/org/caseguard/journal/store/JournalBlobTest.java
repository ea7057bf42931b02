package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.ProblemKind;
import org.caseguard.journal.VerificationReport;
import org.caseguard.journal.content.BlobNames;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.ScopeRows;
import org.caseguard.journal.entry.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's tests that involve real blobs (JRN-4, JRN-6, JRN-7), on each content backend: files
 * ({@link FileJournalBlobTest}) and a real S3 API ({@link S3JournalBlobTest}).
 */
abstract class JournalBlobTest {
    @TempDir
    Path workingDirectory;

    JdbcLeafStore leafStore;
    ContentStore content;
    Journal journal;

    protected abstract ContentStore openContent(Path workingDirectory, JdbcLeafStore leafStore);

    protected abstract byte[] readBlob(String name) throws Exception;

    protected abstract void writeBlob(String name, byte[] bytes) throws Exception;

    /** Whether the store holds anything under a scope's folder ({@link BlobNames#scopeFolder}). */
    protected abstract boolean anyBlobUnder(String scopeFolder) throws Exception;

    @BeforeEach
    void open() {
        leafStore = LeafStores.open(new Properties(), workingDirectory);
        content = openContent(workingDirectory, leafStore);
        journal = Journal.open(leafStore, content, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
        content.close();
        leafStore.close();
    }

    String received(String name, String text) {
        Envelope envelope = new Envelope("worker@agency.example", List.of("to@agency.example", "bcc@agency.example"), Optional.of("worker@agency.example"),
            Optional.of("192.0.2.10"), Optional.of("client.agency.example"), Instant.parse("2026-11-24T09:15:00Z"));
        return journal.recordReceived(Optional.of(name), envelope, ("Subject: note\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8), Journal.SOURCE_SPOOL);
    }

    private VerificationReport verify() {
        return new JournalVerifier(journal, List.of()).verify();
    }

    @Test
    void jrn7TheExactBytesComeBackAndTheJournalVerifies() {
        String key = received("mail-1", "the exact bytes");

        assertThat(new String(journal.content(key), StandardCharsets.UTF_8)).isEqualTo("Subject: note\r\n\r\nthe exact bytes\r\n");
        VerificationReport report = verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void jrn4OneChangedByteOfAStoredBlobIsReported() throws Exception {
        received("mail-0", "first");
        String key = received("mail-1", "second");
        received("mail-2", "third");
        ContentRef ref = journal.contentRefs(key).get(0);
        byte[] stored = readBlob(BlobNames.blobName(ref));
        stored[stored.length / 2] ^= 1;
        writeBlob(BlobNames.blobName(ref), stored);

        VerificationReport report = verify();
        assertThat(report.count(ProblemKind.ALTERED_CONTENT)).as(report.summary()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void jrn6ADestroyedScopeIsUnreadableAndIsDisposalNotTampering() throws Exception {
        String key = received("mail-1", "to be destroyed");
        String other = received("mail-2", "kept");
        ContentRef ref = journal.contentRefs(key).get(0);
        byte[] sealed = readBlob(BlobNames.blobName(ref));

        content.destroyScope(KeyScope.forMessage(key));
        writeBlob(BlobNames.blobName(ref), sealed); // a blob the store would not delete (Object Lock) stays unreadable

        assertThatThrownBy(() -> journal.content(key)).hasMessageContaining("destroyed");
        assertThat(new String(journal.content(other), StandardCharsets.UTF_8)).contains("kept");
        VerificationReport report = verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    /** What a crash right after a receipt copy's release committed leaves: the key destroyed, the blobs still there. */
    void destroyKeyOnly(KeyScope scope, Instant at) throws Exception {
        try (Connection connection = leafStore.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            ScopeRows.destroyWithin(connection, scope, at);
            connection.commit();
        }
    }

    static BlobSweeper.Sweep sweepAt(JdbcLeafStore leafStore, ContentStore content, Instant at) {
        return new BlobSweeper(leafStore.dataSource(), content, Clock.fixed(at, ZoneOffset.UTC), new java.util.concurrent.locks.ReentrantLock()).sweep();
    }

    @Test
    void jrn6BlobsADestroyedScopeLeftBehindAreSweptOnceAndLiveScopesNeverAre() throws Exception {
        String released = received("mail-1", "released receipt copy");
        String live = received("mail-2", "still a receipt copy");
        KeyScope scope = KeyScope.forMessage(released);
        Instant destroyedAt = Instant.now();
        destroyKeyOnly(scope, destroyedAt);
        assertThat(anyBlobUnder(BlobNames.scopeFolder(scope))).as("left behind").isTrue();

        assertThat(sweepAt(leafStore, content, destroyedAt.plusSeconds(60)).checked()).as("within the grace: its own removal may be on its way")
            .isZero();
        assertThat(anyBlobUnder(BlobNames.scopeFolder(scope))).isTrue();

        Instant later = destroyedAt.plus(BlobSweeper.GRACE).plusSeconds(1);
        assertThat(sweepAt(leafStore, content, later)).isEqualTo(new BlobSweeper.Sweep(1, 1, 0));
        assertThat(anyBlobUnder(BlobNames.scopeFolder(scope))).as("swept").isFalse();
        assertThat(anyBlobUnder(BlobNames.scopeFolder(KeyScope.forMessage(live)))).isTrue();
        assertThat(new String(journal.content(live), StandardCharsets.UTF_8)).contains("still a receipt copy");
        assertThat(sweepAt(leafStore, content, later.plusSeconds(3600)).checked()).as("each destroyed scope is swept once").isZero();
        assertThatThrownBy(() -> content.removeLeftovers(KeyScope.forMessage(live))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not destroyed");
        assertThat(anyBlobUnder(BlobNames.scopeFolder(KeyScope.forMessage(live)))).isTrue();
    }

    @Test
    void jrn6RetriesWaitLongerEachTimeUpToAWeek() {
        assertThat(ScopeRows.retryDelay(1)).isEqualTo(Duration.ofHours(1));
        assertThat(ScopeRows.retryDelay(2)).isEqualTo(Duration.ofHours(2));
        assertThat(ScopeRows.retryDelay(8)).isEqualTo(Duration.ofHours(128));
        assertThat(ScopeRows.retryDelay(9)).isEqualTo(Duration.ofDays(7));
        assertThat(ScopeRows.retryDelay(400)).isEqualTo(Duration.ofDays(7));
    }
}
