package org.caseguard.core.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.ibm.icu.text.SpoofChecker;

/**
 * Look-alike substitutes for ASCII letters and digits, by script, taken from ICU's confusables data: a code point
 * qualifies when its UTS #39 skeleton equals the skeleton of the ASCII character it replaces. Nothing hand-written.
 */
final class EvasionConfusables {

    /** Script family name (the transformation class) -> inclusive code point ranges. */
    static final Map<String, int[][]> SCRIPTS = new LinkedHashMap<>();

    static {
        SCRIPTS.put("ConfusableCyrillic", new int[][] {{0x0400, 0x052F}});
        SCRIPTS.put("ConfusableGreekCapital", new int[][] {{0x0386, 0x03AB}, {0x03CF, 0x03CF}, {0x03D2, 0x03D4}, {0x03F4, 0x03F4}, {0x03F9, 0x03FA}, {0x03FD, 0x03FF}});
        SCRIPTS.put("ConfusableGreekSmall", new int[][] {{0x03AC, 0x03CE}, {0x03D0, 0x03D1}, {0x03D5, 0x03F3}, {0x03F5, 0x03F8}, {0x03FB, 0x03FC}});
        SCRIPTS.put("ConfusableArmenian", new int[][] {{0x0531, 0x058F}});
        SCRIPTS.put("ConfusableCherokee", new int[][] {{0x13A0, 0x13FD}, {0xAB70, 0xABBF}});
        SCRIPTS.put("Fullwidth", new int[][] {{0xFF01, 0xFF5E}});
        SCRIPTS.put("MathAlphanumeric", new int[][] {{0x1D400, 0x1D7FF}});
    }

    /** script class -> ASCII char -> substitutes. */
    private final Map<String, Map<Character, List<String>>> table = new LinkedHashMap<>();

    EvasionConfusables() {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        Map<String, List<Character>> asciiBySkeleton = new TreeMap<>();
        for (char c = '!'; c <= '~'; c++) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == ',' || c == '.' || c == '/') {
                asciiBySkeleton.computeIfAbsent(checker.getSkeleton(String.valueOf(c)), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<String, int[][]> script : SCRIPTS.entrySet()) {
            Map<Character, List<String>> substitutes = new TreeMap<>();
            for (int[] range : script.getValue()) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    if (!Character.isDefined(cp)) {
                        continue;
                    }
                    String s = new String(Character.toChars(cp));
                    List<Character> originals = asciiBySkeleton.get(checker.getSkeleton(s));
                    if (originals != null) {
                        for (char original : originals) {
                            substitutes.computeIfAbsent(original, k -> new ArrayList<>()).add(s);
                        }
                    }
                }
            }
            table.put(script.getKey(), substitutes);
        }
    }

    List<String> substitutes(String script, char original) {
        return table.get(script).getOrDefault(original, List.of());
    }

    /** How many ASCII characters of {@code value} the script can replace. */
    int coverage(String script, String value) {
        int n = 0;
        for (char c : value.toCharArray()) {
            if (!substitutes(script, c).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    Map<String, Map<Character, List<String>>> table() {
        return table;
    }
}
