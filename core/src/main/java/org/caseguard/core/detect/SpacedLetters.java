package org.caseguard.core.detect;

/**
 * Letter-spaced writing ("T h a d d e u s", "M-C-D-4-8-2"): in normalised text, a run of at least
 * {@value #MIN_RUN} one-character words is what a reader takes for one word. {@link #collapse} joins each such run,
 * for a second reading next to the first; registry names and numbers also have keys run together.
 */
final class SpacedLetters {

    static final int MIN_RUN = 4;

    private SpacedLetters() {
    }

    /** The text with every run of one-character words joined, or null when it has no such run. */
    static String collapse(String normalized) {
        if (!hasRun(normalized)) {
            return null;
        }
        String[] words = normalized.split(" ");
        StringBuilder out = new StringBuilder(normalized.length());
        int i = 0;
        while (i < words.length) {
            int end = i;
            while (end < words.length && words[end].length() == 1) {
                end++;
            }
            if (end - i >= MIN_RUN) {
                appendWord(out, String.join("", java.util.Arrays.asList(words).subList(i, end)));
                i = end;
            } else {
                appendWord(out, words[i]);
                i++;
            }
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String word) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(word);
    }

    /** A cheap look for {@value #MIN_RUN} one-character words in a row, before any splitting. */
    private static boolean hasRun(String text) {
        int run = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == ' ') {
                continue;
            }
            boolean single = i + 1 == length || text.charAt(i + 1) == ' ';
            if (single) {
                if (++run >= MIN_RUN) {
                    return true;
                }
            } else {
                run = 0;
                int next = text.indexOf(' ', i);
                if (next < 0) {
                    return false;
                }
                i = next;
            }
        }
        return false;
    }
}
