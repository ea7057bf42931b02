package org.caseguard.journal;

/**
 * A complete subtree of the log: the 2^level leaves starting at leaf index * 2^level. Level 0 nodes are the leaves.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("node level must be in 0..62, got " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("node index must not be negative, got " + index);
        }
    }

    /** The subtree covering leaves [from, to), which must be a power-of-two range aligned to its size. */
    static NodeId covering(long from, long to) {
        long width = to - from;
        if (width <= 0 || Long.bitCount(width) != 1 || from % width != 0) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") is not a complete aligned subtree");
        }
        int level = Long.numberOfTrailingZeros(width);
        return new NodeId(level, from >> level);
    }

    static boolean isComplete(long from, long to) {
        long width = to - from;
        return width > 0 && Long.bitCount(width) == 1 && from % width == 0;
    }
}
