package org.caseguard.core.detect;

/**
 * Normalised text as the detectors read it: the letters and digits that Unicode's confusables data (UTS #39) counts
 * as look-alikes, {@code o}/{@code 0} and {@code i}/{@code l}/{@code 1}, read as what the word around them is made
 * of. A word of digits with such letters in it is read as digits ("2o24" and "2O24" as 2024, "i965" as 1965), a
 * word mostly of letters with digits in it as letters, the look-alikes and the digits commonly written for letters
 * ("0scar" as oscar, "V4nt3rp00l" as vanterpool), and a short word made only of such letters
 * between numbers as digits ("08/II/1978"). Every character maps to one character, so positions are those of the
 * normalised text. Registry keys are read the same way, so a value matches however its look-alikes were chosen.
 */
final class DetectionView {

    private static final int MAX_LOOK_ALIKE_WORD = 4;

    private DetectionView() {
    }

    static String of(String normalized) {
        if (!hasDigit(normalized)) {
            return normalized; // every reading here turns on a digit in or beside a word
        }
        char[] text = normalized.toCharArray();
        int length = text.length;
        boolean changed = false;
        boolean lookAlikeWords = false;
        for (int start = 0; start < length; ) {
            int end = wordEnd(text, start);
            int kind = kind(text, start, end);
            if (kind != LOOK_ALIKES_AS_DIGITS && isLookAlikeOrdinal(text, start, end)) {
                changed |= convert(text, start, end - 2, LOOK_ALIKES_AS_DIGITS);
                kind = UNCHANGED;
            }
            if (kind == LOOK_ALIKES_AS_DIGITS || kind == DIGITS_AS_LETTERS) {
                changed |= convert(text, start, end, kind);
            }
            lookAlikeWords |= kind == LETTERS_AS_DIGITS && (neighbourHasDigit(text, start, end) || monthBeside(text, start, end));
            start = end + 1;
        }
        // words made only of look-alike letters become digits beside a number, which may itself have just become one
        // ("ii/i6/i977"), or beside a month name ("IO-Sep-1973"): repeated until nothing changes; each word changes once
        boolean again = lookAlikeWords;
        while (again) {
            again = false;
            for (int start = 0; start < length; ) {
                int end = wordEnd(text, start);
                if (kind(text, start, end) == LETTERS_AS_DIGITS
                    && (nextToDigits(text, start, end) || monthBeside(text, start, end))) {
                    changed |= convert(text, start, end, LETTERS_AS_DIGITS);
                    again = true;
                }
                start = end + 1;
            }
        }
        return changed ? new String(text) : normalized;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Converts a word in place; whether any character changed. */
    private static boolean convert(char[] text, int start, int end, int kind) {
        boolean changed = false;
        for (int i = start; i < end; i++) {
            char c = kind == DIGITS_AS_LETTERS ? asLetter(text[i]) : asDigit(text[i]);
            changed |= c != text[i];
            text[i] = c;
        }
        return changed;
    }

    private static final int UNCHANGED = 0;
    private static final int LOOK_ALIKES_AS_DIGITS = 1;
    private static final int DIGITS_AS_LETTERS = 2;
    private static final int LETTERS_AS_DIGITS = 3;

    private static int kind(char[] text, int start, int end) {
        int digits = 0;
        int letters = 0;
        boolean lettersLookLikeDigits = true;
        boolean digitsLookLikeLetters = true;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                digits++;
                digitsLookLikeLetters &= LEET.indexOf(c) >= 0;
            } else {
                letters++;
                lettersLookLikeDigits &= c == 'o' || c == 'i' || c == 'l';
            }
        }
        if (digits > 0 && letters > 0) {
            if (lettersLookLikeDigits) {
                return LOOK_ALIKES_AS_DIGITS;
            }
            // mostly letters: "0scar", "M4r14" (a code such as "MR778812" has far more digits than letters)
            return digitsLookLikeLetters && letters * 2 > digits && !isOrdinal(text, start, end, digits)
                ? DIGITS_AS_LETTERS : UNCHANGED;
        }
        return digits == 0 && lettersLookLikeDigits && letters <= MAX_LOOK_ALIKE_WORD ? LETTERS_AS_DIGITS : UNCHANGED;
    }

    /**
     * "2ist", "i8th", or "ioth" beside a month name ("October ioth", "ioth of October"): a day number written with
     * look-alike letters, then an ordinal suffix. Without a digit or a month beside it, "list" and "lost" stay words.
     */
    private static boolean isLookAlikeOrdinal(char[] text, int start, int end) {
        int prefix = end - start - 2;
        if (prefix < 1 || prefix > 2 || !isOrdinalSuffix(text, end - 2)) {
            return false;
        }
        boolean digit = false;
        for (int i = start; i < start + prefix; i++) {
            char c = text[i];
            if (isDigit(c)) {
                digit = true;
            } else if (c != 'o' && c != 'i' && c != 'l') {
                return false;
            }
        }
        return digit || monthBeside(text, start, end);
    }

    private static boolean isOrdinalSuffix(char[] text, int at) {
        char a = text[at];
        char b = text[at + 1];
        return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h';
    }

    /** The word before is a month, or the word after is (possibly after "of" or "de"). */
    private static boolean monthBeside(char[] text, int start, int end) {
        int previousEnd = start - 1;
        if (previousEnd > 0 && BirthDates.isMonth(word(text, wordStart(text, previousEnd - 1), previousEnd))) {
            return true;
        }
        int nextStart = end + 1;
        if (nextStart >= text.length) {
            return false;
        }
        int nextEnd = wordEnd(text, nextStart);
        String next = word(text, nextStart, nextEnd);
        if (BirthDates.isMonth(next)) {
            return true;
        }
        if ((next.equals("of") || next.equals("de")) && nextEnd + 1 < text.length) {
            return BirthDates.isMonth(word(text, nextEnd + 1, wordEnd(text, nextEnd + 1)));
        }
        return false;
    }

    private static int wordStart(char[] text, int inside) {
        int i = inside;
        while (i > 0 && text[i - 1] != ' ') {
            i--;
        }
        return i;
    }

    private static int wordEnd(char[] text, int start) {
        int i = start;
        while (i < text.length && text[i] != ' ') {
            i++;
        }
        return i;
    }

    private static String word(char[] text, int start, int end) {
        return new String(text, start, Math.max(0, end - start));
    }

    /** "1st", "10th": a number with its ordinal suffix stays a number. */
    private static boolean isOrdinal(char[] text, int start, int end, int digits) {
        if (end - start - digits != 2 || !isDigit(text[start + digits - 1]) || isDigit(text[start + digits])) {
            return false;
        }
        return isOrdinalSuffix(text, start + digits);
    }

    /** The word before or after holds a digit: only then may a word of look-alike letters become digits. */
    private static boolean neighbourHasDigit(char[] text, int start, int end) {
        for (int i = start - 2; i >= 0 && text[i] != ' '; i--) {
            if (isDigit(text[i])) {
                return true;
            }
        }
        for (int i = end + 1; i < text.length && text[i] != ' '; i++) {
            if (isDigit(text[i])) {
                return true;
            }
        }
        return false;
    }

    /** A word of look-alike letters reads as digits only right beside a number (one separator away). */
    private static boolean nextToDigits(char[] text, int start, int end) {
        boolean before = start >= 2 && isDigit(text[start - 2]);
        boolean after = end + 1 < text.length && isDigit(text[end + 1]);
        return before || after;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char asDigit(char c) {
        return c == 'o' ? '0' : c == 'i' || c == 'l' ? '1' : c;
    }

    /** Digits written for letters in a word ("Th4dd3us V4nt3rp00l"): 0 o, 1 l, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g. */
    private static final String LEET = "01345789";
    private static final String LEET_LETTERS = "oleastbg";

    private static char asLetter(char c) {
        int index = LEET.indexOf(c);
        return index >= 0 ? LEET_LETTERS.charAt(index) : c;
    }
}
