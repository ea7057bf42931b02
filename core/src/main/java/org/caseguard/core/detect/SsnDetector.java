package org.caseguard.core.detect;

/**
 * US Social Security numbers in normalised text: ddd-dd-dddd (any single separator, which normalisation turns into a
 * space) or nine bare digits, with the SSA validity rules, scored by whether an SSN keyword is near.
 * Nine bare digits without a keyword are never reported: too many other numbers look like that.
 */
final class SsnDetector {

    static final String NAME = "us-ssn";
    static final double FORMATTED_WITH_KEYWORD = 0.95;
    static final double BARE_WITH_KEYWORD = 0.85;
    static final double FORMATTED_ALONE = 0.65;
    static final int KEYWORD_PROXIMITY = 50;

    /** Hits at or above the threshold: how many and the best confidence. */
    record Result(int count, double confidence) {
    }

    private SsnDetector() {
    }

    static Result detect(TokenGroups text, double minConfidence) {
        int size = text.size();
        int[] keywordStarts = null;
        int[] keywordEnds = null;
        int keywords = 0;
        int[] candidateStarts = null;
        int[] candidateEnds = null;
        boolean[] candidateFormatted = null;
        int candidates = 0;
        for (int i = 0; i < size; i++) {
            int length = text.length(i);
            char first = text.text.charAt(text.start(i));
            if (first == 's') {
                int keywordEnd = keywordEnd(text, i);
                if (keywordEnd >= 0) {
                    if (keywordStarts == null) {
                        keywordStarts = new int[8];
                        keywordEnds = new int[8];
                    } else if (keywords == keywordStarts.length) {
                        keywordStarts = java.util.Arrays.copyOf(keywordStarts, keywords * 2);
                        keywordEnds = java.util.Arrays.copyOf(keywordEnds, keywords * 2);
                    }
                    keywordStarts[keywords] = text.start(i);
                    keywordEnds[keywords++] = keywordEnd;
                }
                continue;
            }
            if (first < '0' || first > '9' || (length != 9 && length != 3) || !text.separatedBefore(i)
                || !text.isAsciiDigits(i)) {
                continue;
            }
            int end;
            boolean formatted;
            String digits;
            if (length == 9 && text.separatedAfter(i)) {
                digits = text.group(i);
                end = text.end(i);
                formatted = false;
            } else if (length == 3 && i + 2 < size && text.singleSeparatorAfter(i) && text.singleSeparatorAfter(i + 1)
                && text.length(i + 1) == 2 && text.length(i + 2) == 4 && text.isAsciiDigits(i + 1)
                && text.isAsciiDigits(i + 2) && text.separatedAfter(i + 2)) {
                digits = text.group(i) + text.group(i + 1) + text.group(i + 2);
                end = text.end(i + 2);
                formatted = true;
            } else {
                continue;
            }
            if (!isValid(digits)) {
                continue;
            }
            if (candidateStarts == null) {
                candidateStarts = new int[4];
                candidateEnds = new int[4];
                candidateFormatted = new boolean[4];
            } else if (candidates == candidateStarts.length) {
                candidateStarts = java.util.Arrays.copyOf(candidateStarts, candidates * 2);
                candidateEnds = java.util.Arrays.copyOf(candidateEnds, candidates * 2);
                candidateFormatted = java.util.Arrays.copyOf(candidateFormatted, candidates * 2);
            }
            candidateStarts[candidates] = text.start(i);
            candidateEnds[candidates] = end;
            candidateFormatted[candidates++] = formatted;
        }
        int count = 0;
        double best = 0;
        for (int c = 0; c < candidates; c++) {
            boolean keywordNear = false;
            for (int k = 0; k < keywords && !keywordNear; k++) {
                int distance = keywordEnds[k] <= candidateStarts[c] ? candidateStarts[c] - keywordEnds[k]
                    : keywordStarts[k] >= candidateEnds[c] ? keywordStarts[k] - candidateEnds[c] : 0;
                keywordNear = distance <= KEYWORD_PROXIMITY;
            }
            double confidence = candidateFormatted[c]
                ? (keywordNear ? FORMATTED_WITH_KEYWORD : FORMATTED_ALONE)
                : (keywordNear ? BARE_WITH_KEYWORD : 0);
            if (confidence > 0 && confidence >= minConfidence) {
                count++;
                best = Math.max(best, confidence);
            }
        }
        return new Result(count, best);
    }

    /** End offset of an SSN keyword starting at group {@code i} ("ssn", "ss" as in "SS#", "social security", "soc sec"). */
    private static int keywordEnd(TokenGroups text, int i) {
        if (!text.separatedBefore(i)) {
            return -1;
        }
        if ((text.groupEquals(i, "ssn") || text.groupEquals(i, "ss") || text.groupEquals(i, "ssns"))
            && text.separatedAfter(i)) {
            return text.end(i);
        }
        if (i + 1 < text.size() && (text.groupEquals(i, "social") && text.groupEquals(i + 1, "security")
            || text.groupEquals(i, "soc") && text.groupEquals(i + 1, "sec"))) {
            return text.end(i + 1);
        }
        return -1;
    }

    static boolean isValid(String nineDigits) {
        int area = Integer.parseInt(nineDigits.substring(0, 3));
        int group = Integer.parseInt(nineDigits.substring(3, 5));
        int serial = Integer.parseInt(nineDigits.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return !nineDigits.equals("078051120") && !nineDigits.equals("219099999");
    }
}
