package org.caseguard.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link LeafStore} in memory: per level, the node hashes packed in chunks of byte arrays (about 64 bytes per leaf in
 * total, no object per node), so a million-leaf log takes about 64 MB. For tests, verification and caches.
 */
public final class MemoryLeafStore implements LeafStore {
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_NODES = 1 << CHUNK_SHIFT;

    private final List<List<byte[]>> levels = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final TreeMap<Long, SignedTreeHead> treeHeads = new TreeMap<>();

    @Override
    public synchronized long size() {
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    @Override
    public synchronized void append(long firstIndex, List<Hash> leafHashes, List<Node> completedSubtrees) {
        if (firstIndex != size()) {
            throw new JournalStoreException("journal log: append at leaf " + firstIndex + " but the log has " + size() + " leaves");
        }
        long index = firstIndex;
        for (Hash leaf : leafHashes) {
            put(0, index++, leaf);
        }
        for (Node node : completedSubtrees) {
            put(node.id().level(), node.id().index(), node.hash());
        }
    }

    private void put(int level, long index, Hash hash) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
            counts.add(0L);
        }
        if (index != counts.get(level)) {
            throw new JournalStoreException("journal log: node " + level + "/" + index + " out of order, level has " + counts.get(level));
        }
        List<byte[]> chunks = levels.get(level);
        int chunk = (int) (index >>> CHUNK_SHIFT);
        if (chunk == chunks.size()) {
            chunks.add(new byte[CHUNK_NODES * Hash.LENGTH]);
        }
        hash.copyInto(chunks.get(chunk), (int) (index & (CHUNK_NODES - 1)) * Hash.LENGTH);
        counts.set(level, index + 1);
    }

    private Hash get(int level, long index) {
        if (level >= levels.size() || index >= counts.get(level)) {
            return null;
        }
        byte[] chunk = levels.get(level).get((int) (index >>> CHUNK_SHIFT));
        int offset = (int) (index & (CHUNK_NODES - 1)) * Hash.LENGTH;
        byte[] hash = new byte[Hash.LENGTH];
        System.arraycopy(chunk, offset, hash, 0, Hash.LENGTH);
        return Hash.wrap(hash);
    }

    @Override
    public synchronized Map<NodeId, Hash> nodes(Collection<NodeId> ids) {
        Map<NodeId, Hash> found = new HashMap<>();
        for (NodeId id : ids) {
            Hash hash = get(id.level(), id.index());
            if (hash != null) {
                found.put(id, hash);
            }
        }
        return found;
    }

    @Override
    public synchronized List<Node> nodesAt(int level, long fromIndex, int limit) {
        List<Node> nodes = new ArrayList<>();
        long count = level < counts.size() ? counts.get(level) : 0;
        for (long index = Math.max(0, fromIndex); index < count && nodes.size() < limit; index++) {
            nodes.add(new Node(new NodeId(level, index), get(level, index)));
        }
        return nodes;
    }

    @Override
    public synchronized void addTreeHead(SignedTreeHead treeHead) {
        SignedTreeHead existing = treeHeads.get(treeHead.treeSize());
        if (existing != null && !existing.equals(treeHead)) {
            throw new JournalStoreException("journal log: a different tree head for size " + treeHead.treeSize() + " is already recorded");
        }
        treeHeads.put(treeHead.treeSize(), treeHead);
    }

    @Override
    public synchronized List<SignedTreeHead> treeHeads() {
        return List.copyOf(treeHeads.values());
    }

    @Override
    public synchronized Optional<SignedTreeHead> latestTreeHead() {
        return treeHeads.isEmpty() ? Optional.empty() : Optional.of(treeHeads.lastEntry().getValue());
    }

    @Override
    public void close() {
        // nothing held
    }
}
