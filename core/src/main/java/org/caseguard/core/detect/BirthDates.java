package org.caseguard.core.detect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;

/**
 * Dates in normalised text, where separators are already single spaces: ISO "2014 03 05", US "03 05 2014" and
 * "3 5 2014", "march 5 2014", "5 march 2014", "mar 5 2014".
 */
final class BirthDates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
        Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
        Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
        Map.entry("may", 5), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7), Map.entry("jul", 7),
        Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sep", 9),
        Map.entry("sept", 9), Map.entry("october", 10), Map.entry("oct", 10), Map.entry("november", 11),
        Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));

    private BirthDates() {
    }

    /** The date whose first group is {@code i}, or null; {@code i + 2} is then its last group. */
    static LocalDate dateAt(TokenGroups text, int i) {
        if (i + 2 >= text.size() || !text.separatedBefore(i) || !text.singleSeparatorAfter(i)
            || !text.singleSeparatorAfter(i + 1) || !text.separatedAfter(i + 2)) {
            return null;
        }
        int a = text.length(i);
        int b = text.length(i + 1);
        int c = text.length(i + 2);
        boolean digitsA = text.isAsciiDigits(i);
        boolean digitsB = text.isAsciiDigits(i + 1);
        boolean digitsC = text.isAsciiDigits(i + 2);
        if (!digitsC) {
            return null;
        }
        if (digitsA && digitsB && digitsC) {
            if (a == 4 && b <= 2 && c <= 2) {
                return date(number(text, i), number(text, i + 1), number(text, i + 2));
            }
            if (a <= 2 && b <= 2 && c == 4) {
                return date(number(text, i + 2), number(text, i), number(text, i + 1));
            }
            return null;
        }
        if (!digitsA && digitsB && digitsC && b <= 2 && c == 4) {
            Integer month = MONTHS.get(text.group(i));
            return month == null ? null : date(number(text, i + 2), month, number(text, i + 1));
        }
        if (digitsA && !digitsB && digitsC && a <= 2 && c == 4) {
            Integer month = MONTHS.get(text.group(i + 1));
            return month == null ? null : date(number(text, i + 2), month, number(text, i));
        }
        return null;
    }

    private static int number(TokenGroups text, int group) {
        return Integer.parseInt(text.group(group));
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
