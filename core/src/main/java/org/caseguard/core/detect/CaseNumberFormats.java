package org.caseguard.core.detect;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configured case-number formats ({@code caseNumberFormats}), matched case-insensitively as whole tokens on the
 * normalised text twice: once with separators as spaces and once with separators as '-', so that both
 * {@code \d{4}-CW-\d{5}} and {@code \d{4} CW \d{5}} find "2023/CW/00123".
 */
final class CaseNumberFormats {

    static final String NAME = "case-number-format";
    static final double CONFIDENCE = 0.8;

    private final List<Pattern> patterns;

    CaseNumberFormats(List<String> regexes) {
        this.patterns = regexes.stream()
            .map(regex -> Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + regex + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
    }

    int count(String normalized) {
        if (patterns.isEmpty() || normalized.isEmpty()) {
            return 0;
        }
        String dashed = normalized.replace(' ', '-');
        BitSet starts = new BitSet();
        for (Pattern pattern : patterns) {
            for (String text : new String[] {normalized, dashed}) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    starts.set(matcher.start());
                }
            }
        }
        return starts.cardinality();
    }
}
