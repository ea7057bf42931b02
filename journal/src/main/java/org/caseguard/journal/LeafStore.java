package org.caseguard.journal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable, append-only storage of the Merkle log: leaf hashes, the hashes of complete subtrees (so roots and proofs
 * at any size read O(log n) nodes instead of n leaves) and signed tree heads. There is deliberately no way to delete
 * or change anything: disposal of an entry's content keeps its leaf (JRN-4, JRN-6).
 */
public interface LeafStore extends AutoCloseable {

    /** Number of leaves: one past the highest stored leaf index. */
    long size();

    /**
     * Appends leaves {@code firstIndex, firstIndex + 1, ...} and the complete subtrees they finish, atomically: all or
     * nothing. Fails with {@link JournalStoreException} if any of them is already stored (another writer).
     */
    void append(long firstIndex, List<Hash> leafHashes, List<Node> completedSubtrees);

    /** The stored hashes of the nodes asked for; a node that is not stored is absent from the map. */
    Map<NodeId, Hash> nodes(Collection<NodeId> ids);

    /** Stored nodes of one level with index >= fromIndex in index order, at most limit of them; gaps are not filled. */
    List<Node> nodesAt(int level, long fromIndex, int limit);

    /** Stored leaves with index >= fromIndex in index order, at most limit of them; gaps are not filled. */
    default List<Leaf> leaves(long fromIndex, int limit) {
        return nodesAt(0, fromIndex, limit).stream().map(node -> new Leaf(node.id().index(), node.hash())).toList();
    }

    /** Records a signed tree head; one per tree size (a second, different head for the same size is refused). */
    void addTreeHead(SignedTreeHead treeHead);

    /** Every recorded tree head in ascending tree size. */
    List<SignedTreeHead> treeHeads();

    Optional<SignedTreeHead> latestTreeHead();

    @Override
    void close();
}
