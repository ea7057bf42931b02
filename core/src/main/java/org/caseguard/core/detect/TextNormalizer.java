package org.caseguard.core.detect;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The one normalisation applied identically to registry entries and to message text: NFKC with full case folding
 * (which also removes default-ignorable characters such as zero-width spaces and soft hyphens), every other format
 * character (Cf) removed, diacritics folded (NFD, combining marks dropped), non-ASCII look-alike letters mapped to
 * the ASCII letter of their confusable skeleton, and every run of characters that is neither letter nor digit
 * collapsed to one space. The result holds only letters, digits and single spaces, without leading or trailing
 * space. ASCII digits and letters other than case are never changed.
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    /** For each BMP char after folding: the ASCII letter it looks like, or 0. */
    private static final char[] LOOK_ALIKE = buildLookAlikeTable();

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
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace);
                    out.append(c);
                } else if (c >= 'A' && c <= 'Z') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace);
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
        String folded = NFD.normalize(NFKC_CASEFOLD.normalize(run));
        for (int j = 0; j < folded.length(); ) {
            int cp = folded.codePointAt(j);
            j += Character.charCount(cp);
            int type = UCharacter.getType(cp);
            if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK
                || type == UCharacterCategory.FORMAT) {
                continue;
            }
            if (cp < 0x10000 && LOOK_ALIKE[cp] != 0) {
                cp = LOOK_ALIKE[cp];
            }
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace);
                    out.append((char) cp);
                } else if (cp >= 'A' && cp <= 'Z') {
                    pendingSpace = appendSeparatorIfPending(out, pendingSpace);
                    out.append((char) (cp + ('a' - 'A')));
                } else {
                    pendingSpace = out.length() > 0;
                }
            } else if (UCharacter.isLetterOrDigit(cp)) {
                pendingSpace = appendSeparatorIfPending(out, pendingSpace);
                out.appendCodePoint(cp);
            } else {
                pendingSpace = out.length() > 0;
            }
        }
        return pendingSpace;
    }

    /**
     * Uses ICU's confusable skeletons (UTS #39) but only for non-ASCII letters whose skeleton is one ASCII letter:
     * the full skeleton would also map digits and ASCII sequences ('0' to 'o', "rn" to "m"), which must stay as they are.
     */
    private static char[] buildLookAlikeTable() {
        char[] table = new char[0x10000];
        SpoofChecker checker = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
        for (int cp = 0x80; cp < 0x10000; cp++) {
            if (!Character.isLetter(cp) || Character.isSurrogate((char) cp)) {
                continue;
            }
            // lower-case look-alikes often only have a skeleton through their capital (Cyrillic м via М)
            char letter = asciiSkeletonLetter(checker, cp);
            if (letter == 0) {
                letter = asciiSkeletonLetter(checker, UCharacter.toUpperCase(cp));
            }
            table[cp] = letter;
        }
        return table;
    }

    private static char asciiSkeletonLetter(SpoofChecker checker, int cp) {
        if (cp < 0x80) {
            return 0;
        }
        String skeleton = NFD.normalize(NFKC_CASEFOLD.normalize(checker.getSkeleton(new String(Character.toChars(cp)))));
        char letter = 0;
        int letters = 0;
        for (int k = 0; k < skeleton.length(); k++) {
            char s = skeleton.charAt(k);
            int type = UCharacter.getType(s);
            if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK) {
                continue;
            }
            letter = s;
            letters++;
        }
        return letters == 1 && letter >= 'a' && letter <= 'z' ? letter : 0;
    }
}
