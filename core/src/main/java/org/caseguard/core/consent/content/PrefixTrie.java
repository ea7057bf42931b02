package org.caseguard.core.consent.content;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code stem*} phrase starts, as a character trie: one walk down a word finds every prefix phrase that can start
 * there (walk it with {@link #step(char)}), stopping at the first character no stem continues with (usually the first or second), with no substring or
 * hash per prefix length.
 */
final class PrefixTrie {
    private static final int[] NONE = new int[0];

    private char[] keys = new char[0];
    private PrefixTrie[] children = new PrefixTrie[0];
    private int[] phrasesEndingHere = NONE;

    static PrefixTrie of(Map<String, List<Integer>> phrasesByPrefix) {
        PrefixTrie root = new PrefixTrie();
        phrasesByPrefix.forEach((prefix, phrases) -> {
            PrefixTrie node = root;
            for (int i = 0; i < prefix.length(); i++) {
                node = node.childOrCreate(prefix.charAt(i));
            }
            int[] merged = Arrays.copyOf(node.phrasesEndingHere, node.phrasesEndingHere.length + phrases.size());
            for (int i = 0; i < phrases.size(); i++) {
                merged[node.phrasesEndingHere.length + i] = phrases.get(i);
            }
            node.phrasesEndingHere = merged;
        });
        return root;
    }

    /** The node one character further down, or null when no stem continues with {@code c}. */
    PrefixTrie step(char c) {
        return child(c);
    }

    /** The phrases whose stem ends at this node (empty for most nodes). */
    int[] phrasesEndingHere() {
        return phrasesEndingHere;
    }

    private PrefixTrie child(char c) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == c) {
                return children[i];
            }
        }
        return null;
    }

    private PrefixTrie childOrCreate(char c) {
        PrefixTrie existing = child(c);
        if (existing != null) {
            return existing;
        }
        PrefixTrie created = new PrefixTrie();
        keys = Arrays.copyOf(keys, keys.length + 1);
        keys[keys.length - 1] = c;
        children = Arrays.copyOf(children, children.length + 1);
        children[children.length - 1] = created;
        return created;
    }
}
