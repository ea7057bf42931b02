package org.caseguard.core.detect;

import java.util.Arrays;

/** Open-addressing map from long keys to non-negative ints: compact and allocation-free on lookup. */
final class LongIntTable {
    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    LongIntTable(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Returns the value of {@code key}, or -1. */
    int get(long key) {
        int index = spread(key) & mask;
        int value;
        while ((value = values[index]) != -1) {
            if (keys[index] == key) {
                return value;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be non-negative");
        }
        if ((size + 1) * 2 > keys.length) {
            throw new IllegalStateException("table sized for fewer keys");
        }
        int index = spread(key) & mask;
        while (values[index] != -1) {
            if (keys[index] == key) {
                values[index] = value;
                return;
            }
            index = (index + 1) & mask;
        }
        keys[index] = key;
        values[index] = value;
        size++;
    }
}
