package org.caseguard.core.detect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The one normalisation applied identically to registry entries and to message text:
 * <ol>
 *   <li>each non-ASCII letter or digit replaced by the ASCII character it is confusable with under UTS #39, that is
 *       the ASCII character with the same confusable skeleton, chosen on the character as written, <em>before</em>
 *       compatibility mappings and case folding (a Greek capital Η looks like H, its small letter η like n; the
 *       lunate sigma Ϲ looks like C, its compatibility form Σ does not); non-ASCII decimal digits become their ASCII
 *       digit;</li>
 *   <li>NFKC (full-width forms, ligatures, mathematical alphanumerics become their plain letters), then the same
 *       look-alike mapping for what NFKC produced;</li>
 *   <li>every default-ignorable code point and every format character (Cf) removed (zero-width spaces and joiners,
 *       soft hyphens, bidi controls, variation selectors);</li>
 *   <li>full case folding, diacritics folded (NFD, combining marks dropped);</li>
 *   <li>every run of characters that is neither letter nor digit collapsed to one space.</li>
 * </ol>
 * The result holds only letters, digits and single spaces, without leading or trailing space. ASCII digits and
 * letters other than case are never changed: the skeleton of ASCII itself ("0" as "O", "rn" as "m") is not applied,
 * since digits must stay digits for case numbers, dates and SSNs.
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final ConfusableTable CONFUSABLES = ConfusableTable.build();

    private TextNormalizer() {
    }

    public static String normalize(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        appendNormalized(text, out);
        return out.toString();
    }

    /** Appends the normalised form of {@code text}; a space separates it from text already in {@code out}. */
    public static void appendNormalized(CharSequence text, StringBuilder out) {
        boolean pendingSpace = out.length() > 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < 0x80) {
                // ASCII fast path: most mail is ASCII, and ASCII needs no Unicode normalisation.
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace || afterUnspacedScript(out));
                    out.append(c);
                } else if (c >= 'A' && c <= 'Z') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace || afterUnspacedScript(out));
                    out.append((char) (c + ('a' - 'A')));
                } else {
                    pendingSpace = out.length() > 0;
                }
                i++;
            } else {
                int end = i + 1;
                while (end < length && text.charAt(end) >= 0x80) {
                    end++;
                }
                pendingSpace = appendNonAscii(text.subSequence(i, end), out, pendingSpace);
                i = end;
            }
        }
    }

    private static boolean appendSeparatorIfPending(StringBuilder out, boolean pendingSpace) {
        if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        return false;
    }

    private static boolean appendNonAscii(CharSequence run, StringBuilder out, boolean pendingSpace) {
        // look-alikes first, on the characters as written: compatibility mappings can turn one into a letter that
        // no longer looks like it (the lunate sigma Ϲ, a C, becomes Σ)
        StringBuilder asWritten = new StringBuilder(run.length());
        for (int j = 0; j < run.length(); ) {
            int cp = Character.codePointAt(run, j);
            j += Character.charCount(cp);
            String ascii = CONFUSABLES.asciiFor(cp);
            if (ascii != null) {
                asWritten.append(ascii);
            } else {
                asWritten.appendCodePoint(cp);
            }
        }
        String composed = NFKC.normalize(asWritten);
        StringBuilder mapped = new StringBuilder(composed.length());
        for (int j = 0; j < composed.length(); ) {
            int cp = composed.codePointAt(j);
            j += Character.charCount(cp);
            if (isIgnorable(cp)) {
                continue;
            }
            String ascii = cp >= 0x80 ? CONFUSABLES.asciiFor(cp) : null;
            if (ascii != null) {
                mapped.append(ascii);
            } else {
                mapped.appendCodePoint(cp);
            }
        }
        String folded = NFD.normalize(NFKC_CASEFOLD.normalize(mapped));
        for (int j = 0; j < folded.length(); ) {
            int cp = folded.codePointAt(j);
            j += Character.charCount(cp);
            int type = UCharacter.getType(cp);
            if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK
                || isIgnorable(cp)) {
                continue;
            }
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace || afterUnspacedScript(out));
                    out.append((char) cp);
                } else if (cp >= 'A' && cp <= 'Z') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace || afterUnspacedScript(out));
                    out.append((char) (cp + ('a' - 'A')));
                } else {
                    pendingSpace = out.length() > 0;
                }
            } else if (UCharacter.isLetterOrDigit(cp)) {
                // a Latin name written against Japanese or Chinese text ("Grimsditch様") is still a word of its own
                boolean scriptBreak = isUnspacedScript(cp) && out.length() > 0 && out.charAt(out.length() - 1) < 0x80;
                pendingSpace = appendSeparatorIfPending(out, pendingSpace || scriptBreak);
                out.appendCodePoint(cp);
            } else {
                pendingSpace = out.length() > 0;
            }
        }
        return pendingSpace;
    }

    /** Scripts written without spaces between words (Han, kana, Thai...): a change to or from Latin is a word break. */
    private static boolean isUnspacedScript(int cp) {
        int script = UScript.getScript(cp);
        return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
            || script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER || script == UScript.MYANMAR
            || script == UScript.HANGUL;
    }

    private static boolean afterUnspacedScript(StringBuilder out) {
        int length = out.length();
        if (length == 0 || out.charAt(length - 1) < 0x0E00) {
            return false;
        }
        return isUnspacedScript(Character.codePointBefore(out, length));
    }

    private static boolean isIgnorable(int cp) {
        return UCharacter.getType(cp) == UCharacterCategory.FORMAT
            || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * For every non-ASCII letter or digit of Unicode: the ASCII text it is confusable with (UTS #39: same skeleton), or
     * none. Built once from ICU's confusables data; a BMP array plus a map for the supplementary planes.
     */
    private static final class ConfusableTable {
        private final String[] bmp;
        private final Map<Integer, String> supplementary;

        private ConfusableTable(String[] bmp, Map<Integer, String> supplementary) {
            this.bmp = bmp;
            this.supplementary = supplementary;
        }

        String asciiFor(int cp) {
            return cp < 0x10000 ? bmp[cp] : supplementary.get(cp);
        }

        static ConfusableTable build() {
            SpoofChecker checker = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
            Map<String, Character> upper = new HashMap<>();
            Map<String, Character> lower = new HashMap<>();
            for (char c = 'z'; c >= 'a'; c--) {
                lower.putIfAbsent(skeleton(checker, c), c);
            }
            for (char c = 'Z'; c >= 'A'; c--) {
                upper.putIfAbsent(skeleton(checker, c), c);
            }
            Map<String, Character> digits = new HashMap<>();
            for (char c = '9'; c >= '0'; c--) {
                digits.putIfAbsent(skeleton(checker, c), c);
            }
            String[] bmp = new String[0x10000];
            Map<Integer, String> supplementary = new HashMap<>();
            for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
                String ascii = asciiFor(checker, cp, upper, lower, digits);
                if (ascii == null && UCharacter.getType(cp) == UCharacterCategory.LOWERCASE_LETTER) {
                    // small letters that only look Latin in their capital form (Cyrillic м, т): judged by the capital
                    int capital = UCharacter.toUpperCase(cp);
                    String viaCapital = capital != cp ? asciiFor(checker, capital, upper, lower, digits) : null;
                    ascii = viaCapital == null ? null : viaCapital.toLowerCase(Locale.ROOT);
                }
                if (ascii == null) {
                    ascii = latinLetterByName(cp);
                }
                if (ascii == null) {
                    continue;
                }
                if (cp < 0x10000) {
                    bmp[cp] = ascii;
                } else {
                    supplementary.put(cp, ascii);
                }
            }
            return new ConfusableTable(bmp, Map.copyOf(supplementary));
        }

        private static String asciiFor(SpoofChecker checker, int cp, Map<String, Character> upper,
                                       Map<String, Character> lower, Map<String, Character> digits) {
            int type = UCharacter.getType(cp);
            if (type == UCharacterCategory.DECIMAL_DIGIT_NUMBER) {
                int value = UCharacter.digit(cp, 10);
                return value >= 0 ? String.valueOf((char) ('0' + value)) : null;
            }
            boolean upperCase = type == UCharacterCategory.UPPERCASE_LETTER || type == UCharacterCategory.TITLECASE_LETTER;
            if (!upperCase && type != UCharacterCategory.LOWERCASE_LETTER && type != UCharacterCategory.OTHER_LETTER
                && type != UCharacterCategory.MODIFIER_LETTER && type != UCharacterCategory.LETTER_NUMBER) {
                return null;
            }
            String skeleton = skeleton(checker, cp);
            Character same = upperCase ? upper.getOrDefault(skeleton, lower.get(skeleton))
                : lower.getOrDefault(skeleton, upper.get(skeleton));
            if (same == null) {
                same = digits.get(skeleton); // a letter shaped like a digit only (Cherokee Ꮞ as 4)
            }
            if (same != null) {
                return String.valueOf(same);
            }
            return skeleton.length() <= 3 && skeleton.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
                && !skeleton.isEmpty() ? skeleton : null;
        }

        /**
         * Letters and symbols that Unicode names as a form of one Latin letter but that neither the confusables data
         * nor NFKC maps: small capitals ("LATIN LETTER SMALL CAPITAL T"), squared, circled and regional-indicator
         * letters ("NEGATIVE SQUARED LATIN CAPITAL LETTER A", "REGIONAL INDICATOR SYMBOL LETTER A").
         */
        private static String latinLetterByName(int cp) {
            int type = UCharacter.getType(cp);
            if (!UCharacter.isLetter(cp) && type != UCharacterCategory.OTHER_SYMBOL) {
                return null;
            }
            String name = UCharacter.getName(cp);
            if (name == null) {
                return null;
            }
            java.util.regex.Matcher matcher = LATIN_LETTER_NAME.matcher(name);
            return matcher.matches() ? matcher.group(2).toLowerCase(Locale.ROOT) : null;
        }

        private static final java.util.regex.Pattern LATIN_LETTER_NAME = java.util.regex.Pattern.compile(
            ".*(LATIN LETTER SMALL CAPITAL|LATIN CAPITAL LETTER|LATIN SMALL LETTER|SYMBOL LETTER) ([A-Z])");

        /** The UTS #39 skeleton without combining marks (diacritics are folded anyway). */
        private static String skeleton(SpoofChecker checker, int cp) {
            String skeleton = NFD.normalize(checker.getSkeleton(new String(Character.toChars(cp))));
            StringBuilder bare = new StringBuilder(skeleton.length());
            for (int k = 0; k < skeleton.length(); ) {
                int s = skeleton.codePointAt(k);
                k += Character.charCount(s);
                int type = UCharacter.getType(s);
                if (type != UCharacterCategory.NON_SPACING_MARK && type != UCharacterCategory.ENCLOSING_MARK) {
                    bare.appendCodePoint(s);
                }
            }
            return bare.toString();
        }
    }
}
