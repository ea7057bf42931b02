package org.caseguard.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.charset.CharsetProviderICU;
import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

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
        return decode(bytes, 0, bytes.length, declaredCharset);
    }

    static String decode(byte[] bytes, int offset, int length, String declaredCharset) {
        Charset declared = charsetOrNull(declaredCharset);
        if (declared != null && byteOrderMark(bytes, offset, length) == null) {
            try {
                // one pass in the common case: the declared charset, and the bytes valid in it
                return declared.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
            } catch (CharacterCodingException | RuntimeException e) {
                // not valid in the declared charset: chosen below as if undeclared
            }
        }
        Charset charset = choose(bytes, offset, length, null);
        if (charset != null) {
            return charset.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        }
        return utf8OrLatin1(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * A reader of the whole stream in the charset {@link #choose chosen} from its first {@value #SNIFF} bytes. Bytes
     * the charset cannot map become U+FFFD: characters, never an end of the text.
     */
    static Reader reader(InputStream in, String declaredCharset) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF);
        buffered.mark(SNIFF);
        byte[] head = buffered.readNBytes(SNIFF);
        buffered.reset();
        Charset charset = choose(head, 0, head.length, declaredCharset);
        if (charset == null) {
            charset = isUtf8Prefix(head, head.length) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        }
        return new InputStreamReader(buffered, charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    static final int SNIFF = 8 * 1024;

    /**
     * The charset to read these bytes with: a byte order mark wins; then the declared charset (the JDK's or ICU's,
     * which adds UTF-7 and others) if the bytes are valid in it; then, for bytes with NULs (UTF-16 or UTF-32 without
     * a mark), ICU's detector. Null means "UTF-8 if valid, else ISO-8859-1", which loses no byte.
     */
    static Charset choose(byte[] bytes, int offset, int length, String declaredCharset) {
        Charset marked = byteOrderMark(bytes, offset, length);
        if (marked != null) {
            return marked;
        }
        Charset declared = charsetOrNull(declaredCharset);
        if (declared != null && decodesCleanly(declared, bytes, offset, length)) {
            return declared;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                return detected(bytes, offset, length);
            }
        }
        return null;
    }

    private static Charset byteOrderMark(byte[] b, int offset, int length) {
        int a0 = length > 0 ? b[offset] & 0xFF : -1;
        int a1 = length > 1 ? b[offset + 1] & 0xFF : -1;
        int a2 = length > 2 ? b[offset + 2] & 0xFF : -1;
        int a3 = length > 3 ? b[offset + 3] & 0xFF : -1;
        if (a0 == 0xEF && a1 == 0xBB && a2 == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (a0 == 0xFF && a1 == 0xFE && a2 == 0 && a3 == 0) {
            return charsetOrNull("UTF-32LE");
        }
        if (a0 == 0 && a1 == 0 && a2 == 0xFE && a3 == 0xFF) {
            return charsetOrNull("UTF-32BE");
        }
        if (a0 == 0xFF && a1 == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (a0 == 0xFE && a1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean decodesCleanly(Charset charset, byte[] bytes, int offset, int length) {
        try {
            return decodes(charset.newDecoder(), bytes, offset, length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the bytes decode without error; not as the end of input, since a sniffed head may end mid-character. */
    private static boolean decodes(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
        decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(1024);
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return false;
            }
            if (!result.isOverflow()) {
                return true;
            }
            out.clear();
        }
    }

    private static Charset detected(byte[] bytes, int offset, int length) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length));
        CharsetMatch match = detector.detect();
        return match == null ? null : charsetOrNull(match.getName());
    }

    private static boolean isUtf8Prefix(byte[] bytes, int length) {
        return decodes(StandardCharsets.UTF_8.newDecoder(), bytes, 0, length);
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

    /** A charset by any name the JDK or ICU knows (ICU adds UTF-7, SCSU, BOCU-1 and more), or null. */
    static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String cleaned = name.trim().replace("\"", "").replace("'", "");
        int language = cleaned.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (language > 0) {
            cleaned = cleaned.substring(0, language);
        }
        try {
            return Charset.forName(cleaned);
        } catch (RuntimeException e) {
            try {
                return ICU_CHARSETS.charsetForName(cleaned);
            } catch (RuntimeException | LinkageError notInIcu) {
                return null;
            }
        }
    }

    private static final CharsetProviderICU ICU_CHARSETS = new CharsetProviderICU();

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
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (matcher.find()) {
            boolean adjacent = matcher.start() == last && pendingCharset != null;
            if (!adjacent || !pendingCharset.equalsIgnoreCase(matcher.group(1))) {
                flushWords(pending, pendingCharset, out);
                out.append(value, last, matcher.start());
            }
            // adjacent words of one charset are decoded together: a mail program may split a character's bytes
            pendingCharset = matcher.group(1);
            pending.writeBytes(matcher.group(2).equalsIgnoreCase("b")
                ? base64Lenient(matcher.group(3))
                : qDecode(matcher.group(3)));
            last = matcher.end();
        }
        flushWords(pending, pendingCharset, out);
        out.append(value, last, value.length());
        return out.toString();
    }

    private static void flushWords(java.io.ByteArrayOutputStream pending, String charset, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(decode(pending.toByteArray(), charset));
            pending.reset();
        }
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
        return Arrays.copyOf(out, n);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static String lowerAscii(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

}
