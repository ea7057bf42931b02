package org.caseguard.core.detect;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configured case-number formats ({@code caseNumberFormats}), matched case-insensitively as whole tokens on the
 * normalised text, where every separator is one space. A regex that writes separators as '-' is matched on the text
 * with spaces turned into '-', so both {@code \d{4}-CW-\d{5}} and {@code \d{4} CW \d{5}} find "2023/CW/00123".
 */
final class CaseNumberFormats {

    static final String NAME = "case-number-format";
    static final double CONFIDENCE = 0.8;

    private final List<Pattern> onSpaces;
    private final List<Pattern> onDashes;

    CaseNumberFormats(List<String> regexes) {
        // The text is already case-folded: ASCII case-insensitivity is enough for literals such as "CW".
        this.onSpaces = regexes.stream().filter(regex -> regex.indexOf('-') < 0 || regex.indexOf(' ') >= 0)
            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE)).toList();
        this.onDashes = regexes.stream().filter(regex -> regex.indexOf('-') >= 0)
            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE)).toList();
    }

    int count(String normalized) {
        if (normalized.isEmpty() || onSpaces.isEmpty() && onDashes.isEmpty()) {
            return 0;
        }
        BitSet starts = new BitSet();
        findWholeTokens(onSpaces, normalized, starts);
        if (!onDashes.isEmpty()) {
            findWholeTokens(onDashes, normalized.replace(' ', '-'), starts);
        }
        return starts.cardinality();
    }

    /** Whole-token check after the match instead of look-arounds in the regex: look-arounds cost at every position. */
    private static void findWholeTokens(List<Pattern> patterns, String text, BitSet starts) {
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                int start = matcher.start();
                int end = matcher.end();
                if (end > start && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                    starts.set(start);
                }
            }
        }
    }
}
