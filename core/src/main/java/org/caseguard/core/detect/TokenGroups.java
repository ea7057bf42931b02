package org.caseguard.core.detect;

import java.util.Arrays;

/**
 * A normalised text (see {@link TextNormalizer}) cut into groups: maximal runs of letters or of digits. "2023-CW-00123",
 * "2023 cw 00123" and "2023CW00123" all give the groups 2023|cw|00123, which is how identifiers match regardless of
 * separators. {@link #separatedBefore(int)} tells whether a group starts a new alphanumeric run (a match must start
 * and end on such a run boundary, so it never matches inside a longer token).
 */
final class TokenGroups {

    final String text;
    private int count;
    private int[] starts;
    private int[] ends;
    private long[] hashes;

    private TokenGroups(String text, int capacity) {
        this.text = text;
        this.starts = new int[capacity];
        this.ends = new int[capacity];
        this.hashes = new long[capacity];
    }

    static TokenGroups of(String normalized) {
        TokenGroups groups = new TokenGroups(normalized, Math.max(4, normalized.length() / 4));
        int length = normalized.length();
        int i = 0;
        while (i < length) {
            char c = normalized.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            boolean digit = isDigit(c);
            int start = i;
            long hash = 0xcbf29ce484222325L;
            while (i < length) {
                char d = normalized.charAt(i);
                if (d == ' ' || isDigit(d) != digit) {
                    break;
                }
                hash = (hash ^ canonical(d)) * 0x100000001b3L;
                i++;
            }
            groups.add(start, i, hash);
        }
        return groups;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || c >= 0x80 && Character.isDigit(c);
    }

    private void add(int start, int end, long hash) {
        if (count == starts.length) {
            int capacity = count * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        starts[count] = start;
        ends[count] = end;
        hashes[count] = hash;
        count++;
    }

    int size() {
        return count;
    }

    int start(int group) {
        return starts[group];
    }

    int end(int group) {
        return ends[group];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    long hash(int group) {
        return hashes[group];
    }

    boolean separatedBefore(int group) {
        return starts[group] == 0 || text.charAt(starts[group] - 1) == ' ';
    }

    boolean separatedAfter(int group) {
        return ends[group] == text.length() || text.charAt(ends[group]) == ' ';
    }

    /** Exactly one space between this group and the next (as left by a single separator such as '-' or '/'). */
    boolean singleSeparatorAfter(int group) {
        return group + 1 < count && starts[group + 1] == ends[group] + 1;
    }

    boolean isDigits(int group) {
        return isDigit(text.charAt(starts[group]));
    }

    boolean isAsciiDigits(int group) {
        for (int i = starts[group]; i < ends[group]; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    String group(int group) {
        return text.substring(starts[group], ends[group]);
    }

    /** Whether the group reads as {@code value}, with {@link #canonical} letters compared as one. */
    boolean groupEquals(int group, String value) {
        if (length(group) != value.length()) {
            return false;
        }
        for (int k = 0; k < value.length(); k++) {
            if (canonical(text.charAt(starts[group] + k)) != canonical(value.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Small i and small l as one letter: a capital I is confusable with small l (UTS #39), and case folding turns it
     * into i, so after folding the two cannot be told apart.
     */
    static char canonical(char c) {
        return c == 'i' ? 'l' : c;
    }

    /** Hash of a sequence of groups, extended one group at a time; the same function hashes registry keys. */
    static long extend(long sequenceHash, long groupHash) {
        long h = (sequenceHash ^ groupHash) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    static long groupHash(CharSequence group) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < group.length(); i++) {
            hash = (hash ^ canonical(group.charAt(i))) * 0x100000001b3L;
        }
        return hash;
    }

    static final long EMPTY_SEQUENCE = 0x5bd1e9955bd1e995L;
}
