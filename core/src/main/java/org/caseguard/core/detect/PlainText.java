package org.caseguard.core.detect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.internet.MimeUtility;

/**
 * Reads a plain-text body line by line into a writer: RFC 3676 {@code format=flowed} is unwrapped (soft line breaks
 * joined, with {@code DelSp=yes} the space before them removed, quote marks and space-stuffing taken off), and a
 * uuencoded file inside the text ({@code begin 644 name} ... {@code end}) is decoded and handed to
 * {@link EmbeddedFiles} like an attachment, its name written into the text. An inline PGP-encrypted message cannot be
 * read and stops with {@link UnclassifiableMessageException}.
 */
final class PlainText {

    /** A line longer than this is passed on in pieces: no format rule applies to the middle of such a line. */
    private static final int MAX_LINE = 64 * 1024;
    private static final String PGP_MESSAGE = "-----BEGIN PGP MESSAGE-----";
    private static final Pattern UU_BEGIN = Pattern.compile("begin(-base64)? +[0-7]{3,4} +(.+)");

    /** Receives files found inside text (uuencoded blocks). */
    interface EmbeddedFiles {
        void accept(InputStream content, String fileName) throws IOException, UnclassifiableMessageException;
    }

    private PlainText() {
    }

    /** Whether a text holds anything read line by line: a uuencoded file or a PGP message. */
    static boolean needsLines(String text) {
        return text.startsWith("begin") || text.contains("\nbegin") || text.contains(PGP_MESSAGE);
    }

    static void copy(Reader in, boolean flowed, boolean delSp, Writer out, EmbeddedFiles files)
        throws IOException, UnclassifiableMessageException {
        LineReader lines = new LineReader(in);
        String line;
        while ((line = lines.next()) != null) {
            if (line.startsWith(PGP_MESSAGE)) {
                throw new UnclassifiableMessageException("the text holds a PGP-encrypted message, which cannot be read");
            }
            Matcher begin = lines.complete() ? UU_BEGIN.matcher(line) : null;
            if (begin != null && begin.matches()) {
                out.write(begin.group(2));
                out.write('\n');
                decodeUuencoded(line, lines, begin.group(1) != null, begin.group(2), files);
            } else if (flowed && lines.complete()) {
                writeFlowed(line, delSp, out);
            } else {
                out.write(line);
                if (lines.complete()) {
                    out.write('\n');
                }
            }
        }
    }

    private static void writeFlowed(String line, boolean delSp, Writer out) throws IOException {
        int start = 0;
        while (start < line.length() && line.charAt(start) == '>') {
            start++;
        }
        if (start < line.length() && line.charAt(start) == ' ') {
            start++; // space-stuffing, or the space after quote marks
        }
        String content = line.substring(start);
        boolean soft = content.endsWith(" ") && !content.equals("-- ");
        if (soft) {
            out.write(content, 0, delSp ? content.length() - 1 : content.length());
        } else {
            out.write(content);
            out.write('\n');
        }
    }

    private static void decodeUuencoded(String beginLine, LineReader lines, boolean base64, String fileName,
                                        EmbeddedFiles files) throws IOException, UnclassifiableMessageException {
        StringBuilder block = new StringBuilder(beginLine).append('\n');
        String end = base64 ? "====" : "end";
        String line;
        while ((line = lines.next()) != null) {
            block.append(line).append('\n');
            if (line.trim().equals(end)) {
                break;
            }
        }
        byte[] encoded = block.toString().getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream decoded = base64
            ? MimeUtility.decode(new ByteArrayInputStream(encoded, beginLine.length() + 1,
                encoded.length - beginLine.length() - 1), "base64")
            : MimeUtility.decode(new ByteArrayInputStream(encoded), "uuencode")) {
            files.accept(decoded, fileName);
        } catch (MessagingException e) {
            throw new UnclassifiableMessageException("uuencoded block could not be decoded", e);
        }
    }

    /** Lines without their terminator; a line longer than {@link #MAX_LINE} comes in pieces marked incomplete. */
    private static final class LineReader {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private final StringBuilder line = new StringBuilder();
        private boolean complete;
        private boolean afterCarriageReturn;

        LineReader(Reader in) {
            this.in = in;
        }

        String next() throws IOException {
            line.setLength(0);
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        complete = true;
                        return line.length() == 0 ? null : line.toString();
                    }
                }
                char c = buffer[position++];
                if (afterCarriageReturn) {
                    afterCarriageReturn = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    afterCarriageReturn = c == '\r';
                    complete = true;
                    return line.toString();
                }
                line.append(c);
                if (line.length() >= MAX_LINE) {
                    complete = false;
                    return line.toString();
                }
            }
        }

        boolean complete() {
            return complete;
        }
    }
}
