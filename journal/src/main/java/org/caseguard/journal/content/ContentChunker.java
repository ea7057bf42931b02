package org.caseguard.journal.content;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Content-defined chunking (a gear rolling hash, as in FastCDC): boundaries depend on the bytes around them, not on
 * their offset, so the same attachment (same base64 text) in two messages yields mostly the same chunks wherever it
 * sits. Chunks are at least {@value #MIN} and at most {@value #MAX} bytes, about {@value #AVERAGE} on average.
 */
final class ContentChunker {
    static final int MIN = 4 * 1024;
    static final int AVERAGE = 16 * 1024;
    static final int MAX = 64 * 1024;
    // A boundary where the hash's top 14 bits are zero (1 in 16,384): those bits depend on the last 64 bytes.
    private static final long MASK = -1L << (Long.SIZE - Integer.numberOfTrailingZeros(AVERAGE));
    private static final long[] GEAR = gear();

    private ContentChunker() {
    }

    /** The end offsets (exclusive) of the chunks of {@code content}, in order; the last is its length. */
    static List<Integer> boundaries(byte[] content) {
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        while (start < content.length) {
            int end = next(content, start);
            ends.add(end);
            start = end;
        }
        return ends;
    }

    private static int next(byte[] content, int start) {
        int remaining = content.length - start;
        if (remaining <= MIN) {
            return content.length;
        }
        int limit = start + Math.min(remaining, MAX);
        long hash = 0;
        for (int i = start + MIN; i < limit; i++) {
            hash = (hash << 1) + GEAR[content[i] & 0xff];
            if ((hash & MASK) == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /** Fixed pseudo-random table: boundaries must be the same in every release, or stored chunks stop matching. */
    private static long[] gear() {
        SplittableRandom random = new SplittableRandom(0x6361736567756172L); // "caseguar"
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextLong();
        }
        return table;
    }
}
