package org.caseguard.core.detect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dates in normalised text ({@link TextNormalizer}: separators are single spaces, so "3/14/1987", "3-14-1987" and
 * "3.14.1987" all read "3 14 1987"). A date found may have several readings, all returned:
 * <ul>
 *   <li>numeric: year first ({@code 1987 03 14}); month or day first with a four- or two-digit year, read both ways
 *       ({@code 03 04 1987} is 4 March and 3 April; {@code 87} is 1987 and 2087); eight digits ({@code 19870314},
 *       {@code 03141987});</li>
 *   <li>with a month name or abbreviation, English or Spanish (full German, French, Italian and Portuguese names too): {@code march 14 1987}, {@code 14 march 1987},
 *       {@code 14th of march 1987}, {@code march 14th 1987}, {@code 14 de marzo de 1987}, {@code 14 mar 87}.</li>
 * </ul>
 */
final class BirthDates {

    /** A date whose groups run from the one asked about to {@code lastGroup}, with every reading of it. */
    record Found(int lastGroup, List<LocalDate> dates) {
    }

    private static final Map<String, Integer> MONTHS = canonicalKeys(Map.ofEntries(
        Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
        Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
        Map.entry("may", 5), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7), Map.entry("jul", 7),
        Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sep", 9),
        Map.entry("sept", 9), Map.entry("october", 10), Map.entry("oct", 10), Map.entry("november", 11),
        Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12),
        Map.entry("enero", 1), Map.entry("ene", 1), Map.entry("febrero", 2), Map.entry("marzo", 3),
        Map.entry("abril", 4), Map.entry("abr", 4), Map.entry("mayo", 5), Map.entry("junio", 6), Map.entry("julio", 7),
        Map.entry("agosto", 8), Map.entry("ago", 8), Map.entry("septiembre", 9), Map.entry("setiembre", 9),
        Map.entry("set", 9), Map.entry("octubre", 10), Map.entry("noviembre", 11), Map.entry("diciembre", 12),
        Map.entry("dic", 12),
        // German, French, Italian, Portuguese (accents are folded by the normaliser)
        Map.entry("januar", 1), Map.entry("janner", 1), Map.entry("februar", 2), Map.entry("marz", 3),
        Map.entry("mai", 5), Map.entry("juni", 6), Map.entry("juli", 7), Map.entry("oktober", 10),
        Map.entry("dezember", 12), Map.entry("janvier", 1), Map.entry("fevrier", 2), Map.entry("mars", 3),
        Map.entry("avril", 4), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("aout", 8),
        Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11), Map.entry("decembre", 12),
        Map.entry("gennaio", 1), Map.entry("febbraio", 2), Map.entry("aprile", 4), Map.entry("maggio", 5),
        Map.entry("giugno", 6), Map.entry("luglio", 7), Map.entry("settembre", 9), Map.entry("ottobre", 10),
        Map.entry("dicembre", 12), Map.entry("janeiro", 1), Map.entry("fevereiro", 2), Map.entry("marco", 3),
        Map.entry("maio", 5), Map.entry("junho", 6), Map.entry("julho", 7), Map.entry("setembro", 9),
        Map.entry("outubro", 10), Map.entry("dezembro", 12)));
    private static final Set<String> ORDINAL_SUFFIXES = Set.of("st", "nd", "rd", "th", "ro", "do", "er");
    private static final Set<String> CONNECTORS = Set.of("of", "de", "del");

    private BirthDates() {
    }

    /** Month names as {@link TokenGroups#canonical} reads them, so "JuΙ" with a Greek capital iota is July. */
    private static Map<String, Integer> canonicalKeys(Map<String, Integer> months) {
        Map<String, Integer> canonical = new java.util.HashMap<>();
        months.forEach((name, month) -> canonical.put(canonical(name), month));
        return Map.copyOf(canonical);
    }

    private static String canonical(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            out.append(TokenGroups.canonical(word.charAt(i)));
        }
        return out.toString();
    }

    /** Whether a normalised word names a month (English or Spanish, full or abbreviated). */
    static boolean isMonth(String word) {
        return MONTHS.containsKey(canonical(word));
    }

    private static Integer month(TokenGroups text, int group) {
        int length = text.length(group);
        if (length < 3 || length > 10) {
            return null; // no month name is shorter or longer: most words are not looked up at all
        }
        int month = MONTH_TABLE.lookup(text, group);
        return month == 0 ? null : month;
    }

    private static final MonthTable MONTH_TABLE = new MonthTable(MONTHS);

    /**
     * The month names by the hash of their {@link TokenGroups#canonical} letters, looked up in the text in place:
     * every word of every text is a candidate, so no string is made for the lookup.
     */
    private static final class MonthTable {
        private final String[] names;
        private final long[] hashes;
        private final int[] months;
        private final int mask;

        MonthTable(Map<String, Integer> canonicalMonths) {
            int size = Integer.highestOneBit(canonicalMonths.size() * 4 - 1) << 1;
            names = new String[size];
            hashes = new long[size];
            months = new int[size];
            mask = size - 1;
            canonicalMonths.forEach((name, month) -> {
                long hash = TokenGroups.groupHash(name);
                int slot = slot(hash);
                while (names[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = name;
                hashes[slot] = hash;
                months[slot] = month;
            });
        }

        /** By the group's hash, which {@link TokenGroups} computed already; the letters are compared on a hit only. */
        int lookup(TokenGroups text, int group) {
            long hash = text.hash(group);
            for (int slot = slot(hash); names[slot] != null; slot = (slot + 1) & mask) {
                if (hashes[slot] == hash && text.groupEquals(group, names[slot])) {
                    return months[slot];
                }
            }
            return 0;
        }

        private int slot(long hash) {
            return (int) (hash ^ (hash >>> 32)) & mask;
        }
    }

    /** The date starting at group {@code i}, or null. */
    static Found dateAt(TokenGroups text, int i) {
        if (i >= text.size() || !text.separatedBefore(i)) {
            return null;
        }
        if (text.isAsciiDigits(i)) {
            Found numeric = numeric(text, i);
            return numeric != null ? numeric : dayFirstWithMonthName(text, i);
        }
        return monthNameFirst(text, i);
    }

    private static Found numeric(TokenGroups text, int i) {
        int a = text.length(i);
        if (a == 8 && text.separatedAfter(i)) {
            String digits = text.group(i);
            List<LocalDate> dates = new ArrayList<>(2);
            addDate(dates, number(digits, 0, 4), number(digits, 4, 6), number(digits, 6, 8));
            addDate(dates, number(digits, 4, 8), number(digits, 0, 2), number(digits, 2, 4));
            addDate(dates, number(digits, 4, 8), number(digits, 2, 4), number(digits, 0, 2));
            return dates.isEmpty() ? null : new Found(i, dates);
        }
        if (i + 2 >= text.size() || !text.isAsciiDigits(i + 1) || !text.isAsciiDigits(i + 2)
            || !text.separatedAfter(i) || !text.separatedAfter(i + 1) || !text.separatedAfter(i + 2)) {
            return null;
        }
        int b = text.length(i + 1);
        int c = text.length(i + 2);
        List<LocalDate> dates = new ArrayList<>(4);
        if (a == 4 && b <= 2 && c <= 2) {
            addDate(dates, number(text, i), number(text, i + 1), number(text, i + 2));
        } else if (a <= 2 && b <= 2 && (c == 4 || c == 2)) {
            for (int year : years(text.group(i + 2))) {
                addDate(dates, year, number(text, i), number(text, i + 1));
                addDate(dates, year, number(text, i + 1), number(text, i));
            }
        }
        return dates.isEmpty() ? null : new Found(i + 2, dates);
    }

    /** {@code 14 march 1987}, {@code 14th of march 1987}, {@code 14 de marzo de 1987}. */
    private static Found dayFirstWithMonthName(TokenGroups text, int i) {
        if (text.length(i) > 2) {
            return null;
        }
        int day = number(text, i);
        int k = afterOrdinal(text, i);
        if (k < text.size() && CONNECTORS.contains(canonical(text.group(k)))) {
            k++;
        }
        if (k >= text.size()) {
            return null;
        }
        Integer month = month(text, k);
        if (month == null) {
            return null;
        }
        k++;
        if (k < text.size() && CONNECTORS.contains(canonical(text.group(k)))) {
            k++;
        }
        return withYear(text, k, month, day);
    }

    /** {@code march 14 1987}, {@code mar 14th 87}. */
    private static Found monthNameFirst(TokenGroups text, int i) {
        Integer month = month(text, i);
        if (month == null || i + 1 >= text.size() || !text.isAsciiDigits(i + 1) || text.length(i + 1) > 2) {
            return null;
        }
        int day = number(text, i + 1);
        return withYear(text, afterOrdinal(text, i + 1), month, day);
    }

    private static Found withYear(TokenGroups text, int k, int month, int day) {
        if (k >= text.size() || !text.isAsciiDigits(k) || !text.separatedAfter(k)
            || text.length(k) != 4 && text.length(k) != 2) {
            return null;
        }
        List<LocalDate> dates = new ArrayList<>(2);
        for (int year : years(text.group(k))) {
            addDate(dates, year, month, day);
        }
        return dates.isEmpty() ? null : new Found(k, dates);
    }

    /** The group after a day number and its ordinal suffix written against it ({@code 14th}), if any. */
    private static int afterOrdinal(TokenGroups text, int dayGroup) {
        int next = dayGroup + 1;
        if (!text.separatedAfter(dayGroup) && next < text.size() && ORDINAL_SUFFIXES.contains(canonical(text.group(next)))) {
            return next + 1;
        }
        return next;
    }

    private static int[] years(String digits) {
        int value = Integer.parseInt(digits);
        return digits.length() == 4 ? new int[] {value} : new int[] {1900 + value, 2000 + value};
    }

    private static int number(TokenGroups text, int group) {
        return Integer.parseInt(text.group(group));
    }

    private static int number(String digits, int from, int to) {
        return Integer.parseInt(digits.substring(from, to));
    }

    private static void addDate(List<LocalDate> dates, int year, int month, int day) {
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (!dates.contains(date)) {
                dates.add(date);
            }
        } catch (DateTimeException e) {
            // not a date in this reading
        }
    }
}
