package org.caseguard.core.detect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decoding that never gives up on text: an unknown or unsupported charset falls back to UTF-8 when the bytes are valid
 * UTF-8, else ISO-8859-1 (every byte maps to a character, so no content is lost to the detectors).
 */
final class LenientText {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)[ \\t\\r\\n]+(=\\?)");

    private LenientText() {
    }

    static String decode(byte[] bytes, String declaredCharset) {
        Charset charset = charsetOrNull(declaredCharset);
        if (charset != null) {
            return new String(bytes, charset);
        }
        return utf8OrLatin1(bytes);
    }

    static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String cleaned = name.trim().replace("\"", "");
        int language = cleaned.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (language > 0) {
            cleaned = cleaned.substring(0, language);
        }
        try {
            return Charset.forName(cleaned);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes an unfolded header value: RFC 2047 encoded words (B and Q, any charset, leniently) and raw 8-bit
     * UTF-8 that arrived as ISO-8859-1 characters.
     */
    static String decodeHeader(String raw) {
        if (raw == null) {
            return "";
        }
        String value = raw.replaceAll("\\r?\\n[ \\t]", " ");
        value = reinterpretRawUtf8(value);
        if (!value.contains("=?")) {
            return value;
        }
        value = BETWEEN_ENCODED_WORDS.matcher(value).replaceAll("$1$2");
        Matcher matcher = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        while (matcher.find()) {
            out.append(value, last, matcher.start());
            byte[] bytes = matcher.group(2).equalsIgnoreCase("b")
                ? base64Lenient(matcher.group(3))
                : qDecode(matcher.group(3));
            out.append(decode(bytes, matcher.group(1)));
            last = matcher.end();
        }
        out.append(value, last, value.length());
        return out.toString();
    }

    private static String reinterpretRawUtf8(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        return high ? utf8OrLatin1(value.getBytes(StandardCharsets.ISO_8859_1)) : value;
    }

    private static byte[] base64Lenient(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
                clean.append(c);
            }
        }
        int usable = clean.length() - clean.length() % 4;
        if (clean.length() % 4 >= 2) {
            // keep a partial last quantum: pad it instead of dropping the characters it carries
            while (clean.length() % 4 != 0) {
                clean.append('=');
            }
            usable = clean.length();
        }
        return Base64.getDecoder().decode(clean.substring(0, usable));
    }

    private static byte[] qDecode(String text) {
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out[n++] = ' ';
            } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static String lowerAscii(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

}
