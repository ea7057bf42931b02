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
import org.caseguard.journal.content.ScopeRows;
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
        bytes[3] = '9';
        Files.write(file, bytes);
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            assertThatThrownBy(log::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("format '9'");
        }
        assertThat(Files.size(file)).as("nothing cut off").isEqualTo(bytes.length);
    }

    @Test
    void aFrameOfTheFormatWithoutKeysWrittenBeforeIsStillRead() throws Exception {
        Path file = workingDirectory.resolve("journal.wal");
        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            log.append(new WriteAheadLog.Frame(4, List.of(logged("first"), logged("second"))));
        }
        // The same frame as format 1 wrote it: no key count at the end of the payload.
        byte[] v2 = Files.readAllBytes(file);
        byte[] payload = java.util.Arrays.copyOfRange(v2, 12, v2.length - 4);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        Files.write(file, java.nio.ByteBuffer.allocate(12 + payload.length).putInt(0x43475731).putInt(payload.length)
            .putInt((int) crc.getValue()).put(payload).array());

        try (WriteAheadLog log = WriteAheadLog.open(file)) {
            List<WriteAheadLog.Frame> frames = log.read();
            assertThat(frames).singleElement().satisfies(frame -> {
                assertThat(frame.firstLeaf()).isEqualTo(4);
                assertThat(frame.records()).extracting(record -> new String(record.canonical(), StandardCharsets.UTF_8)).containsExactly("first", "second");
                assertThat(frame.keys()).isEmpty();
            });
        }
    }

    @Test
    void jrn2ContentKeysLoggedWithoutRecordsAreAppliedTheLaterPerScopeAndADestroyedKeyStaysDestroyed() throws Exception {
        JdbcLeafStore store = openStore();
        try (Journal journal = Journal.open(store, new MemoryContentStore(), Clock.systemUTC())) {
            journal.recordReceived(Optional.of("mail-1"), envelope(), message("one"), Journal.SOURCE_SPOOL);
        }
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO journal_content_key (key_scope, wrapped_key, master_alias, created_at, destroyed_at) VALUES ('case:C', NULL, 'm', 1, 2)");
        }
        store.close();
        try (WriteAheadLog log = WriteAheadLog.open(workingDirectory.resolve("var/journal.wal"))) {
            log.append(new WriteAheadLog.Frame(1, List.of(), List.of(key("case:A", 1))));
            log.append(new WriteAheadLog.Frame(1, List.of(), List.of(key("case:A", 2), key("case:B", 3), key("case:C", 4))));
        }

        JdbcLeafStore reopened = openStore();
        try (Journal recovered = Journal.open(reopened, new MemoryContentStore(), Clock.systemUTC())) {
            assertThat(recovered.size()).isEqualTo(1);
            java.util.Map<String, byte[]> keys = new java.util.HashMap<>();
            try (Connection connection = reopened.dataSource().getConnection(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT key_scope, wrapped_key FROM journal_content_key WHERE key_scope LIKE 'case:%'")) {
                while (rows.next()) {
                    keys.put(rows.getString(1), rows.getBytes(2));
                }
            }
            assertThat(keys.get("case:A")).as("the later of two keys logged for one scope").isEqualTo(new byte[] {2});
            assertThat(keys.get("case:B")).isEqualTo(new byte[] {3});
            assertThat(keys).containsKey("case:C");
            assertThat(keys.get("case:C")).as("a destroyed key is not brought back").isNull();
        } finally {
            reopened.close();
        }
        assertThat(Files.size(workingDirectory.resolve("var/journal.wal"))).isZero();
    }

    @Test
    void jrn2OfTwoKeysForOneScopeInOneCommitTheOneInsertedIsTheOneRestoredAfterACrash() throws Exception {
        JdbcLeafStore crashed = openStore();
        GroupCommitter committer = GroupCommitter.start(org.caseguard.journal.MerkleLog.open(crashed), crashed.writeAheadLog());
        holdCommitsInMemory(crashed);
        ScopeRows.KeyRow first = key("case:A", 1);
        ScopeRows.KeyRow second = key("case:A", 2);
        java.util.concurrent.CompletableFuture<java.util.Set<KeyScope>> one = committer.submitKeys(List.of(first));
        java.util.concurrent.CompletableFuture<java.util.Set<KeyScope>> other = committer.submitKeys(List.of(second));
        java.util.Set<KeyScope> oneInserted = one.get(10, java.util.concurrent.TimeUnit.SECONDS);
        java.util.Set<KeyScope> otherInserted = other.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(List.of(oneInserted, otherInserted)).as("exactly one caller's key went in").containsExactlyInAnyOrder(
            java.util.Set.of(new KeyScope("case:A")), java.util.Set.of());
        byte[] used = wrappedKey(crashed, "case:A");
        committer.submitKeys(List.of(key("case:B", 3), key("case:B", 4))).get(10, java.util.concurrent.TimeUnit.SECONDS); // one commit, surely
        assertThat(wrappedKey(crashed, "case:B")).isEqualTo(new byte[] {3});

        crash(crashed);

        JdbcLeafStore reopened = openStore();
        try {
            GroupCommitter.start(org.caseguard.journal.MerkleLog.open(reopened), reopened.writeAheadLog()).close();
            assertThat(wrappedKey(reopened, "case:A")).as("the key the database had, not the other caller's").isEqualTo(used);
            assertThat(wrappedKey(reopened, "case:B")).isEqualTo(new byte[] {3});
        } finally {
            reopened.close();
        }
    }

    private static byte[] wrappedKey(JdbcLeafStore store, String scope) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             var select = connection.prepareStatement("SELECT wrapped_key FROM journal_content_key WHERE key_scope = ?")) {
            select.setString(1, scope);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }

    private static ScopeRows.KeyRow key(String scope, int wrapped) {
        return new ScopeRows.KeyRow(new KeyScope(scope), new byte[] {(byte) wrapped}, "m", 1);
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
