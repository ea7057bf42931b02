package org.caseguard.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The append-only Merkle log of RFC 6962 over entry hashes: leaf i is SHA-256(0x00 || entry hash i).
 * <p>
 * Besides the leaves the store keeps the hash of every complete, aligned subtree (2^k leaves starting at a multiple
 * of 2^k), written once when its last leaf arrives: about one extra hash per leaf. Every subtree the RFC recursion
 * needs for a tree of any size m is either such a node or splits into at most log2(m) of them, so:
 * <ul>
 * <li>append: amortised 2 SHA-256 operations and 2 stored hashes per leaf; the in-memory frontier (the complete
 *     subtrees that make up the current tree, at most 63) gives the current root with no store access;</li>
 * <li>root at any size: reads at most log2(n) nodes;</li>
 * <li>inclusion or consistency proof: reads O(log^2 n) nodes at worst (usually O(log n)), all in one store call.</li>
 * </ul>
 * One writer per store: a second writer's append collides on a stored index and is refused by the store.
 * Proofs and roots for sizes up to {@link #size()} may be asked concurrently with appends.
 */
public final class MerkleLog {
    private static final Hash PLACEHOLDER = Hash.sha256(new byte[0]);

    private final LeafStore store;
    private final List<Node> frontier;
    private volatile long size;

    private MerkleLog(LeafStore store, long size, List<Node> frontier) {
        this.store = store;
        this.size = size;
        this.frontier = frontier;
    }

    /** Opens the log kept in the store, loading the frontier of complete subtrees of its current size. */
    public static MerkleLog open(LeafStore store) {
        Objects.requireNonNull(store, "store");
        long size = store.size();
        List<NodeId> ids = decomposition(size);
        Map<NodeId, Hash> found = store.nodes(ids);
        List<Node> frontier = new ArrayList<>();
        for (NodeId id : ids) {
            Hash hash = found.get(id);
            if (hash == null) {
                throw new JournalStoreException("journal log: the store has " + size + " leaves but lacks subtree " + id.level() + "/" + id.index());
            }
            frontier.add(new Node(id, hash));
        }
        return new MerkleLog(store, size, frontier);
    }

    public LeafStore store() {
        return store;
    }

    public long size() {
        return size;
    }

    /** Appends one entry hash; returns its leaf index. Durable when this returns. */
    public long append(Hash entryHash) {
        return appendAll(List.of(entryHash));
    }

    /** Appends entry hashes in order, atomically; returns the leaf index of the first. Durable when this returns. */
    public long appendAll(List<Hash> entryHashes) {
        List<Hash> leaves = new ArrayList<>(entryHashes.size());
        for (Hash entryHash : entryHashes) {
            leaves.add(MerkleTree.leafHash(Objects.requireNonNull(entryHash, "entryHash").bytes()));
        }
        return appendLeafHashes(leaves);
    }

    /**
     * Appends entry hashes and, in the same transaction, the caller's index rows: both are stored or neither.
     * Needs a {@link JdbcLeafStore}.
     */
    public long appendAll(List<Hash> entryHashes, JdbcLeafStore.WithinAppend alsoInTransaction) {
        if (!(store instanceof JdbcLeafStore)) {
            throw new IllegalStateException("journal log: appending with index rows needs a JDBC leaf store, not " + store.getClass().getSimpleName());
        }
        List<Hash> leaves = new ArrayList<>(entryHashes.size());
        for (Hash entryHash : entryHashes) {
            leaves.add(MerkleTree.leafHash(Objects.requireNonNull(entryHash, "entryHash").bytes()));
        }
        return appendLeafHashes(leaves, alsoInTransaction);
    }

    /** Appends leaf hashes as they are (verification rebuilds a log from stored leaves this way). */
    long appendLeafHashes(List<Hash> leaves) {
        return appendLeafHashes(leaves, null);
    }

    private synchronized long appendLeafHashes(List<Hash> leaves, JdbcLeafStore.WithinAppend alsoInTransaction) {
        long first = size;
        List<Node> working = new ArrayList<>(frontier);
        List<Node> completed = new ArrayList<>();
        long index = first;
        for (Hash leaf : leaves) {
            Node carry = new Node(new NodeId(0, index++), leaf);
            while (!working.isEmpty() && working.get(working.size() - 1).id().level() == carry.id().level()) {
                Node left = working.remove(working.size() - 1);
                carry = new Node(new NodeId(left.id().level() + 1, left.id().index() >> 1), MerkleTree.nodeHash(left.hash(), carry.hash()));
                completed.add(carry);
            }
            working.add(carry);
        }
        // Store first: a failed write leaves the in-memory state untouched (JRN-2 callers retry).
        if (alsoInTransaction == null) {
            store.append(first, leaves, completed);
        } else {
            ((JdbcLeafStore) store).append(first, leaves, completed, alsoInTransaction);
        }
        frontier.clear();
        frontier.addAll(working);
        size = index;
        return first;
    }

    /** The current tree head hash, from memory. */
    public synchronized Hash root() {
        if (frontier.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        Hash root = frontier.get(frontier.size() - 1).hash();
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(frontier.get(i).hash(), root);
        }
        return root;
    }

    /** The current size and root, taken together. */
    public synchronized TreeState state() {
        return new TreeState(size, root());
    }

    /** MTH of the first treeSize leaves, for any size the log has reached. */
    public Hash root(long treeSize) {
        checkSize("tree size", treeSize);
        if (treeSize == 0) {
            return MerkleTree.emptyRoot();
        }
        return withStoredNodes(subtrees -> subtrees.of(0, treeSize));
    }

    /** The audit path of leaf index in the tree of treeSize leaves. */
    public List<Hash> inclusionProof(long index, long treeSize) {
        checkSize("tree size", treeSize);
        return withStoredNodes(subtrees -> MerkleTree.inclusionPath(index, treeSize, subtrees));
    }

    /** The proof that the tree of newSize leaves extends the tree of oldSize leaves. */
    public List<Hash> consistencyProof(long oldSize, long newSize) {
        checkSize("new tree size", newSize);
        return withStoredNodes(subtrees -> MerkleTree.consistencyProof(oldSize, newSize, subtrees));
    }

    /** The stored leaf hash at index. */
    public Hash leafHash(long index) {
        checkSize("leaf index", index + 1);
        NodeId id = new NodeId(0, index);
        Hash hash = store.nodes(List.of(id)).get(id);
        if (hash == null) {
            throw new JournalStoreException("journal log: leaf " + index + " is missing from the store");
        }
        return hash;
    }

    private void checkSize(String what, long value) {
        long current = size;
        if (value < 0 || value > current) {
            throw new IllegalArgumentException(what + " must be in 0.." + current + " (the log's size), got " + value);
        }
    }

    /**
     * Runs a computation over subtree hashes twice: first to learn which stored nodes it needs (the shape of the
     * recursion depends only on sizes), then on those nodes fetched in a single store call.
     */
    private <T> T withStoredNodes(Function<SubtreeHashes, T> computation) {
        Set<NodeId> wanted = new LinkedHashSet<>();
        computation.apply((from, to) -> {
            collect(from, to, wanted);
            return PLACEHOLDER;
        });
        Map<NodeId, Hash> found = store.nodes(wanted);
        for (NodeId id : wanted) {
            if (!found.containsKey(id)) {
                throw new JournalStoreException("journal log: subtree " + id.level() + "/" + id.index() + " is missing from the store");
            }
        }
        return computation.apply((from, to) -> compose(from, to, found));
    }

    private static void collect(long from, long to, Collection<NodeId> wanted) {
        if (NodeId.isComplete(from, to)) {
            wanted.add(NodeId.covering(from, to));
            return;
        }
        long k = MerkleTree.largestPowerOfTwoBelow(to - from);
        collect(from, from + k, wanted);
        collect(from + k, to, wanted);
    }

    private static Hash compose(long from, long to, Map<NodeId, Hash> nodes) {
        if (NodeId.isComplete(from, to)) {
            return nodes.get(NodeId.covering(from, to));
        }
        long k = MerkleTree.largestPowerOfTwoBelow(to - from);
        return MerkleTree.nodeHash(compose(from, from + k, nodes), compose(from + k, to, nodes));
    }

    /** The complete subtrees making up a tree of the given size, left (largest) to right. */
    static List<NodeId> decomposition(long size) {
        List<NodeId> ids = new ArrayList<>();
        long offset = 0;
        for (int level = 62; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                ids.add(new NodeId(level, offset >> level));
                offset += width;
            }
        }
        return ids;
    }
}
