package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.caseguard.journal.Hash;
import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.content.BlobNames;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.MemoryContentStore;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-2 on the embedded default: the journal's group commits are durable through its write-ahead log, not through
 * H2 writing each commit out, so a crash that loses H2's last commits loses no journal record.
 */
class WriteAheadLogTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-02T09:00:00Z");

    @TempDir
    Path workingDirectory;

    @Test
    void jrn2RecordsTheDatabaseLostInACrashAreAppliedAgainAtStartAndVerify() throws Exception {
        MemoryContentStore content = new MemoryContentStore();
        JdbcLeafStore crashed = openStore();
        Journal journal = Journal.open(crashed, content, Clock.systemUTC());
        holdCommitsInMemory(crashed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(journal.recordReceived(Optional.of("mail-" + i), envelope(), message("before the tree head " + i), Journal.SOURCE_SPOOL));
        }
        TreeHeadSigner signer = TreeHeadSigner.openOrGenerate(new Properties(), workingDirectory, Clock.systemUTC());
        journal.signTreeHead(signer);
        for (int i = 10; i < 25; i++) {
            keys.add(journal.recordReceived(Optional.of("mail-" + i), envelope(), message("after the tree head " + i), Journal.SOURCE_SPOOL));
        }
        journal.recordVerdicts(new VerdictRecord(keys.get(24), Instant.now(), "transport", List.of(), List.of("C-42"), List.of("TAG-1"),
            List.of(new RecipientOutcome("colleague@agency.example", "deliver", List.of()))), List.of("hearing", "placement"));
        long recorded = journal.size();

        crash(crashed); // the journal object is abandoned as a killed process leaves it: no close, no checkpoint

        JdbcLeafStore reopened = openStore();
        try {
            assertThat(reopened.endsAt(10)).as("H2 kept the tree head's commit and lost the later ones, as a crash leaves it").isTrue();
            assertThat(reopened.latestTreeHead()).isPresent();
            try (Journal recovered = Journal.open(reopened, content, Clock.systemUTC())) {
                assertThat(recovered.size()).isEqualTo(recorded);
                assertThat(recovered.keyForMailName("mail-24")).contains(keys.get(24));
                assertThat(recovered.content(keys.get(17))).isEqualTo(message("after the tree head 17"));
                assertThat(recovered.search(new JournalSearch(Optional.empty(), Optional.of("C-42"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 10, java.util.Set.of("placement")))).extracting(Journal.MessageSummary::messageKey)
                    .containsExactly(keys.get(24));
                assertThat(new JournalVerifier(recovered, List.of(signer.publicKey())).verify().passed()).isTrue();
            }
            assertThat(Files.size(workingDirectory.resolve("var/journal.wal"))).as("emptied once applied and forced to disk").isZero();
        } finally {
            reopened.close();
        }
    }

    @Test
    void jrn7AReceiptCopyReleasedInTheCommitOfItsCaseCopyStaysReleasedAfterACrash() throws Exception {
        JdbcLeafStore crashed = openStore();
        ContentStore files = ContentStores.open(new Properties(), workingDirectory, crashed.dataSource());
        Journal journal = Journal.open(crashed, files, Clock.systemUTC());
        String key = journal.recordReceived(Optional.of("mail-1"), envelope(), message("case 2024-CW-00017"), Journal.SOURCE_SPOOL);
        Path receiptFolder = workingDirectory.resolve("var/caseguard/journal-content").resolve(BlobNames.scopeFolder(KeyScope.forMessage(key)));
        assertThat(receiptFolder).as("the receipt copy, written under its own name").isDirectoryContaining(path -> !path.toString().endsWith(".tmp"));
        holdCommitsInMemory(crashed);
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of("2024-CW-00017"), List.of(), List.of(),
            List.of(new RecipientOutcome("colleague@agency.example", "deliver", List.of()))));
        assertThat(receiptFolder).as("its blobs removed once the release is committed").doesNotExist();

        crash(crashed);

        JdbcLeafStore reopened = openStore();
        try (Journal recovered = Journal.open(reopened, ContentStores.open(new Properties(), workingDirectory, reopened.dataSource()), Clock.systemUTC())) {
            assertThat(recovered.contentRefs(key)).extracting(ref -> ref.scope().value()).containsExactly("case:2024-CW-00017");
            assertThat(recovered.contentStore().isDestroyed(KeyScope.forMessage(key))).as("the receipt's key went with the commit that the log restored").isTrue();
            assertThat(recovered.content(key)).isEqualTo(message("case 2024-CW-00017"));
        } finally {
            reopened.close();
        }
    }

    @Test
    void jrn2ALogThatDoesNotContinueTheDatabaseStopsTheStartNamingTheFile() throws Exception {
        Path file = workingDirectory.resolve("var/journal.wal");
        JdbcLeafStore store = openStore();
        store.close();
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            log.append(new WriteAheadLog.Frame(7, List.of(logged("a"))));
        }
        JdbcLeafStore reopened = openStore();
        try {
            assertThatThrownBy(() -> Journal.open(reopened, new MemoryContentStore(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("from 7").hasMessageContaining("ends at leaf 0");
        } finally {
            reopened.close();
        }
    }

    @Test
    void aFrameCutShortByACrashIsDroppedAndTheNextFrameFollowsTheLastGoodOne() throws Exception {
        Path file = workingDirectory.resolve("journal.wal");
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            log.append(new WriteAheadLog.Frame(0, List.of(logged("first"), logged("second"))));
            log.append(new WriteAheadLog.Frame(2, List.of(logged("third"))));
        }
        long whole = Files.size(file);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(whole - 5);
        }
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            List<WriteAheadLog.Frame> frames = log.read();
            assertThat(frames).extracting(WriteAheadLog.Frame::firstLeaf).containsExactly(0L);
            assertThat(new String(frames.get(0).records().get(1).canonical(), StandardCharsets.UTF_8)).isEqualTo("second");
            assertThat(frames.get(0).records().get(0).content().get(0)).isEqualTo(logged("first").content().get(0));
            assertThat(frames.get(0).records().get(0).terms().get()).hasSize(1);
            log.append(new WriteAheadLog.Frame(2, List.of(logged("third, again"))));
        }
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            assertThat(log.read()).extracting(WriteAheadLog.Frame::firstLeaf).containsExactly(0L, 2L);
        }
    }

    @Test
    void aFrameWhoseBytesChangedFailsItsChecksumAndEndsTheLog() throws Exception {
        Path file = workingDirectory.resolve("journal.wal");
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            log.append(new WriteAheadLog.Frame(0, List.of(logged("first"))));
            log.append(new WriteAheadLog.Frame(1, List.of(logged("second"))));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            assertThat(log.read()).extracting(WriteAheadLog.Frame::firstLeaf).containsExactly(0L);
        }
    }

    @Test
    void aLogOfAnotherFormatStopsTheStartInsteadOfBeingCutOff() throws Exception {
        Path file = workingDirectory.resolve("journal.wal");
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            log.append(new WriteAheadLog.Frame(0, List.of(logged("first"))));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] = '2';
        Files.write(file, bytes);
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            assertThatThrownBy(log::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("format '2'");
        }
        assertThat(Files.size(file)).as("nothing cut off").isEqualTo(bytes.length);
    }

    private static WriteAheadLog.LoggedRecord logged(String canonical) {
        return new WriteAheadLog.LoggedRecord(canonical.getBytes(StandardCharsets.UTF_8), Optional.of("mail-" + canonical),
            List.of(new ContentRef(KeyScope.forMessage(java.util.UUID.nameUUIDFromBytes(canonical.getBytes(StandardCharsets.UTF_8)).toString()), Hash.sha256(canonical.getBytes(StandardCharsets.UTF_8)), canonical.length())),
            Optional.of(List.of(new byte[16])));
    }

    private JdbcLeafStore openStore() {
        Properties properties = new Properties();
        properties.setProperty("journal.h2.path", "var/journal");
        return LeafStores.open(properties, workingDirectory);
    }

    /** H2 would write its commits out within a second by itself; a minute makes the loss a crash causes certain. */
    private static void holdCommitsInMemory(JdbcLeafStore store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 60000");
        }
    }

    /** Closes H2's files without writing anything more, as a killed process leaves them. */
    private static void crash(JdbcLeafStore store) {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // the connection goes down with the database
        }
        store.close();
    }

    private static Envelope envelope() {
        return new Envelope("worker@agency.example", List.of("colleague@agency.example"), Optional.of("worker@agency.example"),
            Optional.of("192.0.2.10"), Optional.of("client.agency.example"), RECEIVED);
    }

    private static byte[] message(String text) {
        return ("Subject: test\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
