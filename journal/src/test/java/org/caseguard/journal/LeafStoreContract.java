package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** What every {@link LeafStore} must do for the Merkle log (JRN-4), run on memory, H2 and PostgreSQL. */
abstract class LeafStoreContract {

    abstract LeafStore store();

    /** The same storage, seen through a fresh store object (as after a restart). */
    abstract LeafStore reopen();

    static List<Hash> entryHashes(int count, int seed) {
        Random random = new Random(seed);
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[20];
            random.nextBytes(entry);
            hashes.add(Hash.sha256(entry));
        }
        return hashes;
    }

    static List<Hash> leavesOf(List<Hash> entryHashes) {
        return entryHashes.stream().map(hash -> MerkleTree.leafHash(hash.bytes())).toList();
    }

    @Test
    void anEmptyLogHasTheEmptyRoot() {
        MerkleLog log = MerkleLog.open(store());
        assertThat(log.size()).isZero();
        assertThat(log.root()).isEqualTo(MerkleTree.emptyRoot());
        assertThat(log.root(0)).isEqualTo(MerkleTree.emptyRoot());
    }

    @Test
    void rootsAndProofsFromStoredSubtreesEqualTheDefinitionAndSurviveARestart() {
        List<Hash> entries = entryHashes(150, 1);
        List<Hash> leaves = leavesOf(entries);
        MerkleLog log = MerkleLog.open(store());
        Random random = new Random(2);
        int appended = 0;
        while (appended < 100) {
            int batch = Math.min(100 - appended, 1 + random.nextInt(9));
            assertThat(log.appendAll(entries.subList(appended, appended + batch))).isEqualTo(appended);
            appended += batch;
            assertThat(log.root()).as("root after %d", appended).isEqualTo(MerkleTree.root(leaves.subList(0, appended)));
        }
        MerkleLog restarted = MerkleLog.open(reopen());
        assertThat(restarted.size()).isEqualTo(100);
        assertThat(restarted.root()).isEqualTo(log.root());
        for (Hash entry : entries.subList(100, 150)) {
            restarted.append(entry);
        }
        SubtreeHashes reference = MerkleTree.over(leaves);
        for (int size : new int[] {1, 2, 3, 7, 64, 99, 100, 101, 128, 149, 150}) {
            assertThat(restarted.root(size)).as("root(%d)", size).isEqualTo(MerkleTree.root(leaves.subList(0, size)));
            for (int index : new int[] {0, size / 2, size - 1}) {
                assertThat(restarted.inclusionProof(index, size)).isEqualTo(MerkleTree.inclusionPath(index, size, reference));
            }
            for (int old : new int[] {1, size / 3, size - 1}) {
                if (old >= 1 && old < size) {
                    assertThat(restarted.consistencyProof(old, size)).isEqualTo(MerkleTree.consistencyProof(old, size, reference));
                }
            }
        }
        assertThat(restarted.leafHash(42)).isEqualTo(leaves.get(42));
    }

    /** Figures for the bench: one transaction per append (a message at a time) and batched appends. */
    @Test
    void appendThroughputAndProofLatencyAreMeasured() {
        MerkleLog log = MerkleLog.open(store());
        List<Hash> singles = entryHashes(1_000, 21);
        long start = System.nanoTime();
        for (Hash entry : singles) {
            log.append(entry);
        }
        long singleNanos = System.nanoTime() - start;
        List<Hash> batched = entryHashes(20_000, 22);
        start = System.nanoTime();
        for (int from = 0; from < batched.size(); from += 500) {
            log.appendAll(batched.subList(from, from + 500));
        }
        long batchNanos = System.nanoTime() - start;
        start = System.nanoTime();
        List<Hash> path = log.inclusionProof(12_345, log.size());
        List<Hash> consistency = log.consistencyProof(777, log.size());
        long proofMicros = (System.nanoTime() - start) / 1_000;
        start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            log.inclusionProof(i * 200, log.size());
            log.consistencyProof(1 + i * 150, log.size());
        }
        long warmMicros = (System.nanoTime() - start) / 1_000 / 100;
        assertThat(MerkleTree.verifyInclusion(12_345, log.size(), log.leafHash(12_345), path, log.root())).isTrue();
        assertThat(MerkleTree.verifyConsistency(777, log.size(), log.root(777), log.root(), consistency)).isTrue();
        System.out.printf("%s: %.0f single appends/s, %.0f batched appends/s (batches of 500), inclusion + consistency proof at %d leaves %d us first, %d us warm%n",
            getClass().getSimpleName(), 1_000 / (singleNanos / 1e9), 20_000 / (batchNanos / 1e9), log.size(), proofMicros, warmMicros);
        assertThat(proofMicros).isLessThan(200_000);
    }

    @Test
    void leavesArePagedInIndexOrder() {
        List<Hash> entries = entryHashes(25, 3);
        MerkleLog.open(store()).appendAll(entries);
        List<Leaf> page = store().leaves(10, 10);
        assertThat(page).extracting(Leaf::index).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(page.get(0).hash()).isEqualTo(leavesOf(entries).get(10));
        assertThat(store().leaves(20, 10)).hasSize(5);
        assertThat(store().leaves(25, 10)).isEmpty();
    }

    @Test
    void aSecondWriterCannotOverwriteALeafAndTheFirstKeepsItsState() {
        MerkleLog first = MerkleLog.open(store());
        first.appendAll(entryHashes(5, 4));
        MerkleLog second = MerkleLog.open(reopen());
        second.append(entryHashes(1, 5).get(0));
        Hash rootBefore = first.root();

        assertThatThrownBy(() -> first.append(entryHashes(1, 6).get(0)))
            .isInstanceOf(JournalStoreException.class)
            .hasMessageContaining("append at leaf 5");
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.root()).isEqualTo(rootBefore);
        assertThat(MerkleLog.open(reopen()).size()).isEqualTo(6);
    }

    @Test
    void treeHeadsAreKeptOnePerSizeInAscendingOrder() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair keys = generator.generateKeyPair();
        TreeHeadSigner signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        MerkleLog log = MerkleLog.open(store());
        assertThat(store().latestTreeHead()).isEmpty();
        log.appendAll(entryHashes(3, 7));
        SignedTreeHead three = signer.publish(log);
        assertThat(signer.publish(log)).as("no new head while the log has not grown").isEqualTo(three);
        log.appendAll(entryHashes(4, 8));
        SignedTreeHead seven = signer.publish(log);

        LeafStore reopened = reopen();
        assertThat(reopened.treeHeads()).containsExactly(three, seven);
        assertThat(reopened.latestTreeHead()).contains(seven);
        assertThat(reopened.treeHeads().get(1).verify(keys.getPublic())).isTrue();
        assertThat(reopened.treeHeads().get(1).rootHash()).isEqualTo(log.root());

        reopened.addTreeHead(seven);
        SignedTreeHead forged = signer.sign(new TreeState(7, MerkleTree.emptyRoot()));
        assertThatThrownBy(() -> reopened.addTreeHead(forged)).isInstanceOf(JournalStoreException.class)
            .hasMessageContaining("a different tree head for size 7");
    }
}
