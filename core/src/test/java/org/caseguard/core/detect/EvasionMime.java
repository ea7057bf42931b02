package org.caseguard.core.detect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Raw MIME assembly and the encoders {@link EvasionGenerator} needs, written by hand so every byte is under the
 * generator's control (JavaMail would re-encode): base64, quoted-printable, RFC 2047 B/Q words, RFC 2231 parameters,
 * uuencode, UTF-7, RFC 3676 format=flowed.
 */
final class EvasionMime {

    static final String CRLF = "\r\n";

    /** One MIME entity: header lines (ASCII, may be folded) and either an encoded body or children. */
    static final class Part {
        final List<String> headers = new ArrayList<>();
        byte[] body = new byte[0];
        List<Part> children;
        String boundary;

        Part header(String name, String value) {
            headers.add(name + ": " + value);
            return this;
        }

        byte[] toBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String header : headers) {
                write(out, header + CRLF);
            }
            write(out, CRLF);
            if (children == null) {
                out.writeBytes(body);
            } else {
                write(out, "This is a multi-part message in MIME format." + CRLF);
                for (Part child : children) {
                    write(out, "--" + boundary + CRLF);
                    out.writeBytes(child.toBytes());
                    write(out, CRLF);
                }
                write(out, "--" + boundary + "--" + CRLF);
            }
            return out.toByteArray();
        }
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Part leaf(String contentType, String transferEncoding, byte[] encodedBody) {
        Part part = new Part().header("Content-Type", contentType);
        if (transferEncoding != null) {
            part.header("Content-Transfer-Encoding", transferEncoding);
        }
        part.body = encodedBody;
        return part;
    }

    static Part multipart(String subtype, List<Part> children, Random random) {
        Part part = new Part();
        part.boundary = "=_b" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "_" + subtype;
        part.header("Content-Type", "multipart/" + subtype + "; boundary=\"" + part.boundary + "\"");
        part.children = new ArrayList<>(children);
        return part;
    }

    static Part rfc822(Part inner) {
        Part part = new Part().header("Content-Type", "message/rfc822");
        part.body = inner.toBytes();
        return part;
    }

    // ---- transfer encodings ----

    static byte[] base64(byte[] data) {
        return (Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(data) + CRLF)
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** Quoted-printable (RFC 2045 6.7); CRLF in the data is a hard line break, other bytes are encoded as needed. */
    static byte[] quotedPrintable(byte[] data, boolean textLineBreaks) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (int i = 0; i < data.length; i++) {
            int b = data[i] & 0xFF;
            if (textLineBreaks && b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                out.append(CRLF);
                lineLength = 0;
                i++;
                continue;
            }
            boolean lineEnd = i + 1 == data.length || textLineBreaks && data[i + 1] == '\r';
            String token = (b >= 33 && b <= 126 && b != '=') || (b == ' ' || b == '\t') && !lineEnd
                ? String.valueOf((char) b) : String.format("=%02X", b);
            if (lineLength + token.length() > 75) {
                out.append('=').append(CRLF);
                lineLength = 0;
            }
            out.append(token);
            lineLength += token.length();
        }
        if (lineLength > 0 || out.length() == 0) {
            out.append('=').append(CRLF); // a soft break ends the last line: the body gains no line break of its own
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static boolean isSevenBitSafe(byte[] data) {
        int line = 0;
        for (byte b : data) {
            if (b < 0 || b == 0) {
                return false;
            }
            line = b == '\n' ? 0 : line + 1;
            if (line > 900) {
                return false;
            }
        }
        return true;
    }

    // ---- RFC 2047 encoded words ----

    static String encodedWordB(String text, String charset) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset))) + "?=";
    }

    static String encodedWordQ(String text, String charset) {
        StringBuilder b = new StringBuilder("=?").append(charset).append("?Q?");
        for (byte x : text.getBytes(Charset.forName(charset))) {
            int c = x & 0xFF;
            if (c == ' ') {
                b.append('_');
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append((char) c);
            } else {
                b.append(String.format("=%02X", c));
            }
        }
        return b.append("?=").toString();
    }

    /** Splits {@code text} at code point boundaries into {@code pieces} encoded words separated by folding white space. */
    static String splitEncodedWords(String text, int pieces, boolean qEncoding, Random random) {
        int[] cps = text.codePoints().toArray();
        pieces = Math.max(2, Math.min(pieces, cps.length));
        List<Integer> cuts = new ArrayList<>();
        while (cuts.size() < pieces - 1) {
            int cut = 1 + random.nextInt(cps.length - 1);
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        cuts.sort(null);
        cuts.add(cps.length);
        StringBuilder b = new StringBuilder();
        int from = 0;
        for (int cut : cuts) {
            String piece = new String(cps, from, cut - from);
            if (b.length() > 0) {
                b.append(random.nextBoolean() ? " " : CRLF + " ");
            }
            b.append(qEncoding ? encodedWordQ(piece, "UTF-8") : encodedWordB(piece, "UTF-8"));
            from = cut;
        }
        return b.toString();
    }

    // ---- RFC 2231 ----

    static String percent2231(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xFF;
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                b.append((char) c);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }

    /** {@code name*=UTF-8''...} */
    static String param2231(String name, String value) {
        return name + "*=UTF-8''" + percent2231(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code name*0*=UTF-8''...; name*1*=...}: continuation pieces cut at byte boundaries (legal: decoded after joining). */
    static String param2231Continued(String name, String value, Random random) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int pieces = 2 + random.nextInt(3);
        StringBuilder b = new StringBuilder();
        int from = 0;
        for (int i = 0; i < pieces && from < bytes.length; i++) {
            int to = i == pieces - 1 ? bytes.length : Math.min(bytes.length, from + 1 + random.nextInt(Math.max(1, bytes.length / pieces + 1)));
            byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
            if (i > 0) {
                b.append(";" + CRLF + " ");
            }
            b.append(name).append('*').append(i).append("*=").append(i == 0 ? "UTF-8''" : "").append(percent2231(slice));
            from = to;
        }
        if (from < bytes.length) {
            b.append(";" + CRLF + " ").append(name).append('*').append(pieces).append("*=")
                .append(percent2231(java.util.Arrays.copyOfRange(bytes, from, bytes.length)));
        }
        return b.toString();
    }

    // ---- uuencode ----

    static String uuencode(String fileName, byte[] data) {
        StringBuilder b = new StringBuilder("begin 644 ").append(fileName).append(CRLF);
        for (int off = 0; off < data.length; off += 45) {
            int n = Math.min(45, data.length - off);
            b.append(uuChar(n));
            for (int i = 0; i < n; i += 3) {
                int b0 = data[off + i] & 0xFF;
                int b1 = i + 1 < n ? data[off + i + 1] & 0xFF : 0;
                int b2 = i + 2 < n ? data[off + i + 2] & 0xFF : 0;
                b.append(uuChar(b0 >> 2)).append(uuChar(((b0 << 4) | (b1 >> 4)) & 0x3F))
                    .append(uuChar(((b1 << 2) | (b2 >> 6)) & 0x3F)).append(uuChar(b2 & 0x3F));
            }
            b.append(CRLF);
        }
        return b.append('`').append(CRLF).append("end").append(CRLF).toString();
    }

    private static char uuChar(int sixBits) {
        return sixBits == 0 ? '`' : (char) (sixBits + 32);
    }

    // ---- UTF-7 (RFC 2152), which the JDK cannot encode ----

    private static final String UTF7_DIRECT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n";

    static byte[] utf7(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : 0;
            boolean direct = i < text.length() && UTF7_DIRECT.indexOf(c) >= 0;
            if ((direct || i == text.length()) && pending.length() > 0) {
                String b64 = Base64.getEncoder().withoutPadding()
                    .encodeToString(pending.toString().getBytes(StandardCharsets.UTF_16BE));
                out.append('+').append(b64).append('-');
                pending.setLength(0);
            }
            if (i == text.length()) {
                break;
            }
            if (direct) {
                out.append(c);
            } else if (c == '+' && pending.length() == 0) {
                out.append("+-");
            } else {
                pending.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private EvasionMime() {
    }
}
