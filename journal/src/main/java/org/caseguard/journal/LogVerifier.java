package org.caseguard.journal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code verify} operation of JRN-4: checks the stored entries, the stored Merkle log and the signed tree heads
 * against each other and reports every problem with its index and kind.
 * <ol>
 * <li>The log is rebuilt in memory from the stored leaves alone (about 64 bytes per leaf); stored subtree hashes are
 *     compared with the rebuilt ones, so damage to either is found.</li>
 * <li>Each entry's hash is recomputed from its canonical bytes by the supplied function and its leaf
 *     SHA-256(0x00 || entry hash) compared with the stored leaf at the entry's index. A disposed entry is accepted
 *     as such; if it kept its entry hash, that hash must still match its leaf.</li>
 * <li>Each tree head must be signed by a trusted key and have the root of the stored leaves at its size;
 *     successive heads must be linked by a consistency proof.</li>
 * </ol>
 * Time O(n) hashing plus O(h log n) for h tree heads. Leaf indices must stay below 2^31 (a BitSet tracks them).
 */
public final class LogVerifier {
    public static final int MAX_LISTED_PER_KIND = 1000;
    private static final int PAGE = 10_000;
    private static final Hash NO_LEAF = Hash.of(new byte[Hash.LENGTH]);

    private final Function<byte[], Hash> entryHash;
    private final Map<Hash, PublicKey> trustedKeys = new HashMap<>();

    /**
     * @param entryHash computes an entry's hash from its canonical bytes (what was appended to the log)
     * @param trustedKeys the public keys whose tree heads count (several across key rotation)
     */
    public LogVerifier(Function<byte[], Hash> entryHash, Collection<PublicKey> trustedKeys) {
        this.entryHash = Objects.requireNonNull(entryHash, "entryHash");
        for (PublicKey key : trustedKeys) {
            this.trustedKeys.put(SignedTreeHead.keyId(key), key);
        }
    }

    /** Verifies entries (in the order they are stored), the stored log and the tree heads against each other. */
    public VerificationReport verify(LeafStore store, Iterator<StoredEntry> entries, List<SignedTreeHead> treeHeads) {
        return run(store, Objects.requireNonNull(entries, "entries"), treeHeads);
    }

    /** Verifies only the stored log (leaves, subtrees) against the tree heads, without looking at entries. */
    public VerificationReport verifyLog(LeafStore store, List<SignedTreeHead> treeHeads) {
        return run(store, null, treeHeads);
    }

    private VerificationReport run(LeafStore store, Iterator<StoredEntry> entries, List<SignedTreeHead> treeHeads) {
        Findings findings = new Findings();
        MemoryLeafStore rebuiltStore = new MemoryLeafStore();
        MerkleLog rebuilt = MerkleLog.open(rebuiltStore);
        BitSet missingLeaves = rebuildFromLeaves(store, rebuilt, findings);
        long size = rebuilt.size();
        compareStoredSubtrees(store, rebuiltStore, size, findings);
        long[] entryCounts = entries == null ? new long[2] : checkEntries(entries, rebuilt, rebuiltStore, missingLeaves, findings);
        checkTreeHeads(treeHeads, rebuilt, findings);
        return new VerificationReport(size, entryCounts[0], entryCounts[1], treeHeads.size(), findings.problems, findings.counts);
    }

    private static BitSet rebuildFromLeaves(LeafStore store, MerkleLog rebuilt, Findings findings) {
        BitSet missing = new BitSet();
        long next = 0;
        while (true) {
            List<Leaf> page = store.leaves(next, PAGE);
            if (page.isEmpty()) {
                return missing;
            }
            List<Hash> hashes = new ArrayList<>(page.size());
            for (Leaf leaf : page) {
                while (next < leaf.index()) {
                    findings.add(ProblemKind.MISSING_LEAF, next, "no stored leaf hash");
                    missing.set(Math.toIntExact(next));
                    hashes.add(NO_LEAF);
                    next++;
                }
                hashes.add(leaf.hash());
                next++;
            }
            rebuilt.appendLeafHashes(hashes);
        }
    }

    private static void compareStoredSubtrees(LeafStore store, MemoryLeafStore rebuilt, long size, Findings findings) {
        for (int level = 1; level < 63 && (1L << level) <= Math.max(size, 1); level++) {
            long expectedCount = size >> level;
            long next = 0;
            while (true) {
                List<Node> page = store.nodesAt(level, next, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                List<NodeId> ids = page.stream().map(Node::id).toList();
                Map<NodeId, Hash> expected = rebuilt.nodes(ids);
                for (Node node : page) {
                    long index = node.id().index();
                    for (; next < Math.min(index, expectedCount); next++) {
                        findings.add(ProblemKind.STORED_SUBTREE_MISMATCH, next, "subtree " + level + "/" + next + " is missing");
                    }
                    if (index >= expectedCount) {
                        findings.add(ProblemKind.STORED_SUBTREE_MISMATCH, index, "subtree " + level + "/" + index + " is beyond the log's " + size + " leaves");
                    } else if (!node.hash().equals(expected.get(node.id()))) {
                        findings.add(ProblemKind.STORED_SUBTREE_MISMATCH, index, "subtree " + level + "/" + index + " is " + node.hash().hex()
                            + " but its leaves give " + expected.get(node.id()).hex());
                    }
                    next = index + 1;
                }
            }
            for (; next < expectedCount; next++) {
                findings.add(ProblemKind.STORED_SUBTREE_MISMATCH, next, "subtree " + level + "/" + next + " is missing");
            }
        }
    }

    private long[] checkEntries(Iterator<StoredEntry> entries, MerkleLog rebuilt, MemoryLeafStore rebuiltStore, BitSet missingLeaves, Findings findings) {
        long size = rebuilt.size();
        BitSet seen = new BitSet();
        Map<Hash, Long> leafIndexByHash = null;
        long count = 0;
        long disposed = 0;
        long highest = -1;
        while (entries.hasNext()) {
            StoredEntry entry = entries.next();
            count++;
            long index = entry.index();
            if (index < 0 || index >= size) {
                findings.add(ProblemKind.UNLOGGED_ENTRY, index, "the log has " + size + " leaves");
                continue;
            }
            int position = Math.toIntExact(index);
            if (seen.get(position)) {
                findings.add(ProblemKind.DUPLICATE_ENTRY, index, "a second entry with this leaf index");
                continue;
            }
            seen.set(position);
            Hash hash = entry.isDisposed() ? entry.keptEntryHash() : entryHash.apply(entry.canonicalBytes());
            if (entry.isDisposed()) {
                disposed++;
            }
            if (hash == null || missingLeaves.get(position)) {
                highest = Math.max(highest, index);
                continue;
            }
            Hash leaf = MerkleTree.leafHash(hash.bytes());
            NodeId id = new NodeId(0, index);
            if (leaf.equals(rebuiltStore.nodes(List.of(id)).get(id))) {
                if (index < highest) {
                    findings.add(ProblemKind.REORDERED_ENTRY, index, "stored after the entry with leaf index " + highest);
                }
                highest = Math.max(highest, index);
                continue;
            }
            highest = Math.max(highest, index);
            if (leafIndexByHash == null) {
                leafIndexByHash = leafIndex(rebuiltStore, size);
            }
            Long belongsAt = leafIndexByHash.get(leaf);
            if (belongsAt != null && belongsAt != index) {
                findings.add(ProblemKind.REORDERED_ENTRY, index, "this entry's hash " + hash.hex() + " is leaf " + belongsAt);
            } else {
                findings.add(ProblemKind.ALTERED_ENTRY, index, (entry.isDisposed() ? "kept entry hash " : "recomputed entry hash ") + hash.hex()
                    + " does not match the leaf");
            }
        }
        for (int index = seen.nextClearBit(0); index < size; index = seen.nextClearBit(index + 1)) {
            findings.add(ProblemKind.REMOVED_ENTRY, index, "leaf without entry");
        }
        return new long[] {count, disposed};
    }

    private static Map<Hash, Long> leafIndex(MemoryLeafStore rebuilt, long size) {
        Map<Hash, Long> index = new HashMap<>();
        for (long from = 0; from < size; from += PAGE) {
            for (Node node : rebuilt.nodesAt(0, from, PAGE)) {
                index.putIfAbsent(node.hash(), node.id().index());
            }
        }
        return index;
    }

    private void checkTreeHeads(List<SignedTreeHead> treeHeads, MerkleLog rebuilt, Findings findings) {
        long size = rebuilt.size();
        List<SignedTreeHead> valid = new ArrayList<>();
        for (SignedTreeHead head : treeHeads) {
            PublicKey key = trustedKeys.get(head.keyId());
            if (key == null || !head.verify(key)) {
                findings.add(ProblemKind.TREE_HEAD_SIGNATURE_INVALID, head.treeSize(), key == null ? "signed by untrusted key " + head.keyId().hex() : "signature does not verify");
                continue;
            }
            valid.add(head);
            if (head.treeSize() > size) {
                findings.add(ProblemKind.TREE_HEAD_BEYOND_LOG, head.treeSize(), "the stored log has only " + size + " leaves");
            } else if (!rebuilt.root(head.treeSize()).equals(head.rootHash())) {
                findings.add(ProblemKind.TREE_HEAD_ROOT_MISMATCH, head.treeSize(), "signed root " + head.rootHash().hex() + ", stored leaves give "
                    + rebuilt.root(head.treeSize()).hex());
            }
        }
        valid.sort(Comparator.comparingLong(SignedTreeHead::treeSize));
        for (int i = 1; i < valid.size(); i++) {
            SignedTreeHead older = valid.get(i - 1);
            SignedTreeHead newer = valid.get(i);
            if (newer.timestampMillis() < older.timestampMillis()) {
                findings.add(ProblemKind.TREE_HEAD_OUT_OF_ORDER, newer.treeSize(), "signed at " + newer.timestampMillis() + ", before the head of size "
                    + older.treeSize() + " (" + older.timestampMillis() + ")");
            }
            if (newer.treeSize() > size) {
                continue;
            }
            List<Hash> proof = rebuilt.consistencyProof(older.treeSize(), newer.treeSize());
            if (!MerkleTree.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(), proof)) {
                findings.add(ProblemKind.TREE_HEADS_INCONSISTENT, newer.treeSize(), "not an append-only extension of the head of size " + older.treeSize());
            }
        }
    }

    private static final class Findings {
        final List<Problem> problems = new ArrayList<>();
        final Map<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);

        void add(ProblemKind kind, long position, String detail) {
            long count = counts.merge(kind, 1L, Long::sum);
            if (count <= MAX_LISTED_PER_KIND) {
                problems.add(new Problem(kind, position, detail));
            }
        }
    }
}
