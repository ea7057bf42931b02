package org.caseguard.core.consent.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts normalised text (letters, digits and single spaces, see {@code TextNormalizer}) into words: maximal runs of
 * letters or of digits, so "900mg" is the two words 900 and mg. {@link #fold(String)} is the only inflection handling
 * for plain words: plural endings are dropped on both sides, so a rule word "appointment" also matches
 * "appointments"; other inflections are written as prefixes ({@code increas*}).
 */
final class Words {

    private Words() {
    }

    static List<String> split(String normalized) {
        List<String> words = new ArrayList<>(Math.max(4, normalized.length() / 5));
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
            while (i < length && normalized.charAt(i) != ' ' && isDigit(normalized.charAt(i)) == digit) {
                i++;
            }
            words.add(normalized.substring(start, i));
        }
        return words;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || c >= 0x80 && Character.isDigit(c);
    }

    static boolean isNumber(String word) {
        return !word.isEmpty() && isDigit(word.charAt(0));
    }

    static String fold(String word) {
        int n = word.length();
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 3 && word.charAt(n - 1) == 's' && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }
}
