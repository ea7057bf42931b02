package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * JRN-4 verify: tampering done with plain SQL on a real H2 database (as an insider with database access would),
 * each kind reported with its index; disposal (content removed, leaf kept) passes.
 */
class LogVerifierTest {
    private static final int ENTRIES = 20;

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private JdbcLeafStore store;
    private MerkleLog log;
    private KeyPair keys;
    private TreeHeadSigner signer;
    private long clockMillis = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();

    @BeforeEach
    void journalWithTwentyEntriesAndThreeTreeHeads() throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        h2.setUser("caseguard");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(h2);
        pool.setMaximumPoolSize(3);
        dataSource = new HikariDataSource(pool);
        LeafStores.migrate(dataSource);
        store = new JdbcLeafStore(dataSource, dataSource);
        sql("CREATE TABLE test_entry (seq BIGINT PRIMARY KEY, body BYTEA, entry_hash BYTEA NOT NULL)");
        log = MerkleLog.open(store);
        keys = TreeHeadSignerTest.ed25519();
        for (int i = 0; i < ENTRIES; i++) {
            byte[] body = ("entry " + i + " of the test journal").getBytes(StandardCharsets.UTF_8);
            long index = log.append(Hash.sha256(body));
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO test_entry (seq, body, entry_hash) VALUES (?, ?, ?)")) {
                insert.setLong(1, index);
                insert.setBytes(2, body);
                insert.setBytes(3, Hash.sha256(body).bytes());
                insert.executeUpdate();
            }
            if (index == 4 || index == 11 || index == 19) {
                publishHead();
            }
        }
    }

    private void publishHead() {
        clockMillis += 60_000;
        signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), Clock.fixed(Instant.ofEpochMilli(clockMillis), ZoneOffset.UTC));
        signer.publish(log);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private List<StoredEntry> storedEntries(String order) throws SQLException {
        List<StoredEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, body, entry_hash FROM test_entry ORDER BY " + order)) {
            while (rows.next()) {
                byte[] body = rows.getBytes(2);
                entries.add(body == null ? StoredEntry.disposed(rows.getLong(1), Hash.of(rows.getBytes(3))) : StoredEntry.present(rows.getLong(1), body));
            }
        }
        return entries;
    }

    private VerificationReport verify() throws SQLException {
        return verify(storedEntries("seq"));
    }

    private VerificationReport verify(List<StoredEntry> entries) {
        return new LogVerifier(Hash::sha256, List.of(keys.getPublic())).verify(store, entries.iterator(), store.treeHeads());
    }

    private static List<Long> positions(VerificationReport report, ProblemKind kind) {
        return report.problems(kind).stream().map(Problem::position).toList();
    }

    @Test
    void anUntouchedJournalPasses() throws Exception {
        VerificationReport report = verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.leaves()).isEqualTo(ENTRIES);
        assertThat(report.entries()).isEqualTo(ENTRIES);
        assertThat(report.treeHeads()).isEqualTo(3);
    }

    @Test
    void disposalRemovesContentButKeepsTheLeafAndStillPasses() throws Exception {
        sql("UPDATE test_entry SET body = NULL WHERE seq IN (3, 12)");
        VerificationReport report = verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.disposedEntries()).isEqualTo(2);
        MerkleLog reopened = MerkleLog.open(store);
        assertThat(MerkleTree.verifyInclusion(5, ENTRIES, reopened.leafHash(5), reopened.inclusionProof(5, ENTRIES), store.latestTreeHead().orElseThrow().rootHash()))
            .as("proofs for the other entries still hold").isTrue();
    }

    @Test
    void oneChangedByteOfAnEntryIsReportedAsAlteredAtItsIndex() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT body FROM test_entry WHERE seq = 7");
             PreparedStatement write = connection.prepareStatement("UPDATE test_entry SET body = ? WHERE seq = 7");
             ResultSet rows = read.executeQuery()) {
            rows.next();
            byte[] body = rows.getBytes(1);
            body[body.length / 2] ^= 1;
            write.setBytes(1, body);
            write.executeUpdate();
        }
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.ALTERED_ENTRY)).containsExactly(7L);
        assertThat(report.counts()).containsOnlyKeys(ProblemKind.ALTERED_ENTRY);
    }

    @Test
    void aDeletedEntryIsReportedAsRemoved() throws Exception {
        sql("DELETE FROM test_entry WHERE seq = 9");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.REMOVED_ENTRY)).containsExactly(9L);
        assertThat(report.counts()).containsOnlyKeys(ProblemKind.REMOVED_ENTRY);
    }

    @Test
    void twoSwappedEntriesAreReportedAsReordered() throws Exception {
        sql("UPDATE test_entry SET seq = -1 WHERE seq = 4");
        sql("UPDATE test_entry SET seq = 4 WHERE seq = 6");
        sql("UPDATE test_entry SET seq = 6 WHERE seq = -1");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.REORDERED_ENTRY)).containsExactly(4L, 6L);
        assertThat(report.problems(ProblemKind.REORDERED_ENTRY).get(0).detail()).endsWith("is leaf 6");
        assertThat(report.counts()).containsOnlyKeys(ProblemKind.REORDERED_ENTRY);
    }

    @Test
    void entriesStoredOutOfSequenceAreReportedAsReordered() throws Exception {
        List<StoredEntry> entries = storedEntries("seq");
        Collections.swap(entries, 13, 14);
        VerificationReport report = verify(entries);
        assertThat(positions(report, ProblemKind.REORDERED_ENTRY)).containsExactly(13L);
    }

    @Test
    void anEntryInsertedWithoutALeafAndADuplicateAreReported() throws Exception {
        sql("INSERT INTO test_entry (seq, body, entry_hash) SELECT 25, body, entry_hash FROM test_entry WHERE seq = 2");
        List<StoredEntry> entries = storedEntries("seq");
        entries.add(StoredEntry.present(2, "a second entry 2".getBytes(StandardCharsets.UTF_8)));
        VerificationReport report = verify(entries);
        assertThat(positions(report, ProblemKind.UNLOGGED_ENTRY)).containsExactly(25L);
        assertThat(positions(report, ProblemKind.DUPLICATE_ENTRY)).containsExactly(2L);
    }

    @Test
    void aDisposedEntryWhoseKeptHashWasChangedIsAltered() throws Exception {
        sql("UPDATE test_entry SET body = NULL, entry_hash = (SELECT entry_hash FROM test_entry WHERE seq = 1) WHERE seq = 15");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.REORDERED_ENTRY)).as("the kept hash is leaf 1's").containsExactly(15L);
        sql("UPDATE test_entry SET entry_hash = X'00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' WHERE seq = 15");
        assertThat(positions(verify(), ProblemKind.ALTERED_ENTRY)).containsExactly(15L);
    }

    @Test
    void aChangedLeafHashBreaksItsEntryAndTheTreeHeadsOverIt() throws Exception {
        sql("UPDATE journal_log_node SET hash = (SELECT hash FROM journal_log_node WHERE tree_level = 0 AND node_index = 0) WHERE tree_level = 0 AND node_index = 8");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.ALTERED_ENTRY)).containsExactly(8L);
        assertThat(positions(report, ProblemKind.TREE_HEAD_ROOT_MISMATCH)).containsExactly(12L, 20L);
        assertThat(positions(report, ProblemKind.STORED_SUBTREE_MISMATCH)).as("the level-1 node over leaves 8, 9 no longer matches").contains(4L);
        assertThat(positions(report, ProblemKind.TREE_HEADS_INCONSISTENT)).as("the stored log no longer links 5 -> 12 -> 20").containsExactly(12L, 20L);
    }

    @Test
    void aDeletedLeafIsMissing() throws Exception {
        sql("DELETE FROM journal_log_node WHERE tree_level = 0 AND node_index = 10");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.MISSING_LEAF)).containsExactly(10L);
        assertThat(positions(report, ProblemKind.TREE_HEAD_ROOT_MISMATCH)).containsExactly(12L, 20L);
    }

    @Test
    void cuttingTheEndOffTheLogLeavesATreeHeadBeyondIt() throws Exception {
        sql("DELETE FROM journal_log_node WHERE node_index * POWER(2, tree_level) + POWER(2, tree_level) > 16");
        sql("DELETE FROM test_entry WHERE seq >= 16");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.TREE_HEAD_BEYOND_LOG)).containsExactly(20L);
        assertThat(report.counts()).containsOnlyKeys(ProblemKind.TREE_HEAD_BEYOND_LOG);
    }

    @Test
    void aChangedStoredSubtreeIsFoundEvenWhenEntriesAndHeadsAgree() throws Exception {
        sql("UPDATE journal_log_node SET hash = (SELECT hash FROM journal_log_node WHERE tree_level = 0 AND node_index = 0) WHERE tree_level = 2 AND node_index = 1");
        VerificationReport report = verify();
        assertThat(report.problems()).extracting(Problem::kind, Problem::position).containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemKind.STORED_SUBTREE_MISMATCH, 1L));
    }

    @Test
    void aTreeHeadWithAChangedRootOrAnUnknownKeyFailsItsSignature() throws Exception {
        sql("UPDATE journal_tree_head SET root_hash = (SELECT hash FROM journal_log_node WHERE tree_level = 0 AND node_index = 0) WHERE tree_size = 12");
        VerificationReport report = verify();
        assertThat(positions(report, ProblemKind.TREE_HEAD_SIGNATURE_INVALID)).containsExactly(12L);

        VerificationReport otherKey = new LogVerifier(Hash::sha256, List.of(TreeHeadSignerTest.ed25519().getPublic()))
            .verify(store, storedEntries("seq").iterator(), store.treeHeads());
        assertThat(positions(otherKey, ProblemKind.TREE_HEAD_SIGNATURE_INVALID)).containsExactly(5L, 12L, 20L);
        assertThat(otherKey.problems(ProblemKind.TREE_HEAD_SIGNATURE_INVALID).get(0).detail()).startsWith("signed by untrusted key");
    }

    @Test
    void aForkedHistorySignedWithTheRightKeyIsInconsistentWithTheLog() throws Exception {
        // An insider with the key rewrites entry 2 and re-signs a head of size 12 over the rewritten history.
        MerkleLog forked = MerkleLog.open(new MemoryLeafStore());
        List<StoredEntry> entries = storedEntries("seq");
        for (StoredEntry entry : entries.subList(0, 12)) {
            forked.append(Hash.sha256(entry.index() == 2 ? "rewritten".getBytes(StandardCharsets.UTF_8) : entry.canonicalBytes()));
        }
        List<SignedTreeHead> heads = new ArrayList<>(store.treeHeads());
        heads.set(1, signer.sign(forked.state()));
        VerificationReport report = new LogVerifier(Hash::sha256, List.of(keys.getPublic())).verify(store, entries.iterator(), heads);
        assertThat(positions(report, ProblemKind.TREE_HEAD_ROOT_MISMATCH)).containsExactly(12L);
        assertThat(positions(report, ProblemKind.TREE_HEADS_INCONSISTENT)).containsExactly(12L, 20L);
    }

    @Test
    void aLargerHeadSignedEarlierIsOutOfOrder() throws Exception {
        List<SignedTreeHead> heads = new ArrayList<>(store.treeHeads());
        SignedTreeHead last = heads.get(2);
        TreeHeadSigner early = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        heads.set(2, early.sign(new TreeState(last.treeSize(), last.rootHash())));
        VerificationReport report = new LogVerifier(Hash::sha256, List.of(keys.getPublic())).verify(store, storedEntries("seq").iterator(), heads);
        assertThat(positions(report, ProblemKind.TREE_HEAD_OUT_OF_ORDER)).containsExactly(20L);
    }
}
