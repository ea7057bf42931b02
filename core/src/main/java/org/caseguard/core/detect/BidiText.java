package org.caseguard.core.detect;

import com.ibm.icu.text.Bidi;

/**
 * Text as it is displayed when it holds right-to-left characters or bidi controls: a case number typed backwards
 * inside a right-to-left override is shown, and read, in its usual order. Detection reads both orders.
 */
final class BidiText {

    private BidiText() {
    }

    /** The display order (UAX #9, controls removed), or null when the text has nothing that reorders. */
    static String displayOrder(String text) {
        if (!mayReorder(text)) {
            return null;
        }
        Bidi bidi = new Bidi();
        bidi.setPara(text, Bidi.LEVEL_DEFAULT_LTR, null);
        return bidi.writeReordered(Bidi.REMOVE_BIDI_CONTROLS | Bidi.DO_MIRRORING);
    }

    private static boolean mayReorder(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x0590) {
                continue;
            }
            if (c <= 0x08FF || c >= 0x200E && c <= 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c >= 0xFB1D && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF || c == 0x061C
                || Character.isHighSurrogate(c) && Bidi.requiresBidi(text.toCharArray(), i, Math.min(text.length(), i + 2))) {
                return true;
            }
        }
        return false;
    }
}
