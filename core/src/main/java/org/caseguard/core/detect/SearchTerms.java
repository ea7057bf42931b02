package org.caseguard.core.detect;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * JRN-3 full-text search: the words of a message as the journal indexes them, and the words of a query the same way.
 * Both go through {@link TextNormalizer} (NFKC, case folding, diacritics and look-alikes folded), so "Müller", "MULLER"
 * and "muller" are one word. A word is a run of letters and digits of {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
 * characters.
 */
public final class SearchTerms {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 64;

    private SearchTerms() {
    }

    /** The distinct words of the Subject and every text segment, at most {@code max}, in order of first appearance. */
    public static Set<String> of(ExtractedText text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        add(text.subject(), terms, max);
        for (String segment : text.segments()) {
            if (terms.size() >= max) {
                break;
            }
            add(segment, terms, max);
        }
        return terms;
    }

    /**
     * The words of a query, normalised as indexed words are. A word that is never indexed (one letter, or longer than
     * {@value #MAX_LENGTH}) is refused rather than dropped: dropped, it would widen the search.
     */
    public static Set<String> ofQuery(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : TextNormalizer.normalize(query == null ? "" : query).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.length() < MIN_LENGTH || word.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("every word must have " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " letters or digits; one has " + word.length());
            }
            terms.add(word);
        }
        return terms;
    }

    private static void add(String text, Set<String> terms, int max) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String word : TextNormalizer.normalize(text).split(" ")) {
            if (terms.size() >= max) {
                return;
            }
            if (word.length() >= MIN_LENGTH && word.length() <= MAX_LENGTH) {
                terms.add(word);
            }
        }
    }
}
