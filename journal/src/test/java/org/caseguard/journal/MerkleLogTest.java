package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleLogTest {

    @Test
    void everyRootAndProofOfTheStoredLogEqualsTheDefinitionUpTo130Leaves() {
        List<Hash> entries = LeafStoreContract.entryHashes(130, 11);
        List<Hash> leaves = LeafStoreContract.leavesOf(entries);
        MerkleLog log = MerkleLog.open(new MemoryLeafStore());
        for (int size = 1; size <= 130; size++) {
            log.append(entries.get(size - 1));
            List<Hash> tree = leaves.subList(0, size);
            SubtreeHashes reference = MerkleTree.over(tree);
            assertThat(log.root()).isEqualTo(MerkleTree.root(tree));
            for (int index = 0; index < size; index++) {
                assertThat(log.inclusionProof(index, size)).as("path %d in %d", index, size).isEqualTo(MerkleTree.inclusionPath(index, size, reference));
            }
            for (int old = 0; old <= size; old++) {
                assertThat(log.consistencyProof(old, size)).as("proof %d -> %d", old, size).isEqualTo(MerkleTree.consistencyProof(old, size, reference));
                assertThat(log.root(old)).isEqualTo(MerkleTree.root(leaves.subList(0, old)));
            }
        }
    }

    @Test
    void proofsBeyondTheLogAreRefusedWithTheParameterNamed() {
        MerkleLog log = MerkleLog.open(new MemoryLeafStore());
        log.appendAll(LeafStoreContract.entryHashes(4, 12));
        assertThatThrownBy(() -> log.inclusionProof(0, 5)).hasMessage("tree size must be in 0..4 (the log's size), got 5");
        assertThatThrownBy(() -> log.consistencyProof(2, 9)).hasMessage("new tree size must be in 0..4 (the log's size), got 9");
        assertThatThrownBy(() -> log.leafHash(4)).hasMessageContaining("leaf index");
    }

    /** The size the journal reaches in years: root and proofs stay at O(log n) stored nodes, milliseconds each. */
    @Test
    void aMillionLeafLogGivesRootsAndProofsInMilliseconds() {
        int size = 1_000_000;
        MerkleLog log = MerkleLog.open(new MemoryLeafStore());
        List<Hash> batch = new ArrayList<>(10_000);
        long appendStart = System.nanoTime();
        for (int i = 0; i < size; i++) {
            batch.add(entryHash(i));
            if (batch.size() == 10_000) {
                log.appendAll(batch);
                batch.clear();
            }
        }
        long appendMillis = (System.nanoTime() - appendStart) / 1_000_000;
        assertThat(log.size()).isEqualTo(size);

        long start = System.nanoTime();
        Hash root = log.root(size);
        List<Hash> path = log.inclusionProof(765_432, size);
        List<Hash> consistency = log.consistencyProof(654_321, size);
        Hash oldRoot = log.root(654_321);
        long proofMicros = (System.nanoTime() - start) / 1_000;

        assertThat(root).isEqualTo(log.root());
        assertThat(path).hasSize(20);
        assertThat(MerkleTree.verifyInclusion(765_432, size, MerkleTree.leafHash(entryHash(765_432).bytes()), path, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(765_432, size, MerkleTree.leafHash(entryHash(765_433).bytes()), path, root)).isFalse();
        assertThat(MerkleTree.verifyConsistency(654_321, size, oldRoot, root, consistency)).isTrue();
        System.out.printf("1,000,000 leaves: append %d ms; root + inclusion proof + consistency proof + old root %d us%n", appendMillis, proofMicros);
        assertThat(proofMicros).as("root and proofs at a million leaves").isLessThan(50_000);

        long verifyStart = System.nanoTime();
        VerificationReport report = new LogVerifier(Hash::sha256, List.of()).verifyLog(log.store(), List.of());
        long verifyMillis = (System.nanoTime() - verifyStart) / 1_000_000;
        assertThat(report.passed()).isTrue();
        assertThat(report.leaves()).isEqualTo(size);
        System.out.printf("1,000,000 leaves: verify (rebuild from leaves, compare every stored subtree) %d ms%n", verifyMillis);
    }

    private static Hash entryHash(int i) {
        return Hash.sha256(ByteBuffer.allocate(4).putInt(i).array());
    }
}
