package org.caseguard.core.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text formats whose lines are not read as written:
 * <ul>
 *   <li>iCalendar (RFC 5545) and vCard (RFC 6350, 2.1): folded lines are unfolded (a line break followed by a space
 *       or tab continues the line), {@code ENCODING=QUOTED-PRINTABLE} values decoded with their soft line breaks,
 *       and the escapes {@code \,} {@code \;} {@code \n} undone;</li>
 *   <li>text/enriched and text/richtext (RFC 1896): formatting commands removed, {@code <<} read as {@code <}.</li>
 * </ul>
 */
final class StructuredText {

    private StructuredText() {
    }

    static boolean isContentLines(String base) {
        return base.equals("text/calendar") || base.equals("text/vcard") || base.equals("text/x-vcard")
            || base.equals("text/directory") || base.equals("application/ics");
    }

    static boolean isEnriched(String base) {
        return base.equals("text/enriched") || base.equals("text/richtext");
    }

    static void copyContentLines(Reader in, Writer out) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        StringBuilder logical = null;
        String line;
        while ((line = lines.readLine()) != null) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (logical != null && continuation) {
                logical.append(line, 1, line.length());
                continue;
            }
            if (logical != null && isQuotedPrintable(logical) && endsWithSoftBreak(logical)) {
                logical.setLength(logical.length() - 1); // vCard 2.1: "=" at the end joins the next line
                logical.append(line);
                continue;
            }
            if (logical != null) {
                writeLine(logical, out);
            }
            logical = new StringBuilder(line);
        }
        if (logical != null) {
            writeLine(logical, out);
        }
    }

    private static boolean isQuotedPrintable(CharSequence line) {
        int colon = indexOf(line, ':');
        return colon > 0 && line.subSequence(0, colon).toString().toUpperCase(Locale.ROOT).contains("QUOTED-PRINTABLE");
    }

    private static boolean endsWithSoftBreak(CharSequence line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '=';
    }

    private static void writeLine(CharSequence line, Writer out) throws IOException {
        String text = line.toString();
        int colon = text.indexOf(':');
        String value = colon >= 0 ? text.substring(colon + 1) : text;
        if (colon > 0 && isQuotedPrintable(text)) {
            value = quotedPrintable(value, charsetOf(text.substring(0, colon)));
        }
        out.write(text, 0, Math.max(0, colon + 1));
        out.write(' ');
        out.write(value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
            .replace("\\\\", "\\"));
        out.write('\n');
    }

    private static String charsetOf(String name) {
        for (String parameter : name.split(";")) {
            if (parameter.toUpperCase(Locale.ROOT).startsWith("CHARSET=")) {
                return parameter.substring("CHARSET=".length());
            }
        }
        return null;
    }

    private static String quotedPrintable(String value, String charset) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' && i + 2 < value.length() && Character.digit(value.charAt(i + 1), 16) >= 0
                && Character.digit(value.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return LenientText.decode(bytes.toByteArray(), charset);
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 1896: commands in angle brackets removed, "<<" is "<", a single line break is a space. */
    static String enrichedToPlain(String enriched) {
        StringBuilder out = new StringBuilder(enriched.length());
        int newlines = 0;
        for (int i = 0; i < enriched.length(); i++) {
            char c = enriched.charAt(i);
            if (c == '<') {
                if (i + 1 < enriched.length() && enriched.charAt(i + 1) == '<') {
                    out.append('<');
                    i++;
                    continue;
                }
                int end = enriched.indexOf('>', i);
                if (end < 0) {
                    out.append(enriched, i, enriched.length());
                    break;
                }
                i = end;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                newlines++;
                out.append(newlines == 1 ? ' ' : '\n');
                continue;
            }
            newlines = 0;
            out.append(c);
        }
        return out.toString();
    }
}
