package org.caseguard.core.detect;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The text segments of one message as the extractor finds them. Small texts are kept whole; a long text (a large
 * attachment) is written through {@link #writer(String)} and cut at whitespace into segments of about
 * {@value #CHUNK} characters, each starting with the last {@value #OVERLAP} characters of the one before, so that a
 * name, a case number or a name with its date of birth that straddles a cut is still seen whole. No text is ever
 * dropped: a text longer than {@code maxChars} stops extraction with {@link TextLimitExceeded}, and the message is
 * held as unclassifiable rather than classified from its beginning.
 */
final class TextSegments {

    static final int CHUNK = 64 * 1024;
    static final int OVERLAP = 512;

    private final List<String> segments = new ArrayList<>();
    private final long maxChars;

    TextSegments(long maxChars) {
        this.maxChars = maxChars;
    }

    /** Adds a whole text (header values, bodies) if it is not blank; counted against no limit but the MIME parser's. */
    void add(String text) {
        if (text != null && !text.isBlank()) {
            segments.add(text);
        }
    }

    List<String> segments() {
        return segments;
    }

    /**
     * A writer for one long text (an attachment's extracted text). {@code what} names it in the limit's message,
     * never its content. Closing the writer flushes its last segment.
     */
    Writer writer(String what) {
        return new ChunkingWriter(what);
    }

    /**
     * The whole text of a reader, for the formats read as one document (HTML, XML, JSON, enriched text); stops with
     * {@link TextLimitExceeded} as soon as it is longer than {@code maxChars}. {@code what} names it, never its content.
     */
    static String readAll(Reader reader, long maxChars, String what) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) >= 0) {
            text.append(buffer, 0, n);
            if (text.length() > maxChars) {
                throw new TextLimitExceeded(what + " has more than maxAttachmentChars=" + maxChars
                    + " characters; it is not classified from a part of it");
            }
        }
        return text.toString();
    }

    /** Thrown when one text is longer than the configured limit; an IOException so that parsers pass it through. */
    static final class TextLimitExceeded extends IOException {
        TextLimitExceeded(String message) {
            super(message);
        }
    }

    private final class ChunkingWriter extends Writer {
        private final String what;
        private final StringBuilder buffer = new StringBuilder(1024);
        private long written;
        private boolean newSinceCut;

        ChunkingWriter(String what) {
            this.what = what;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            written += length;
            if (written > maxChars) {
                throw new TextLimitExceeded(what + " has more than maxAttachmentChars=" + maxChars
                    + " characters of text; it is not classified from a part of it");
            }
            buffer.append(chars, offset, length);
            newSinceCut = true;
            while (buffer.length() >= CHUNK + OVERLAP) {
                cut();
            }
        }

        /** Emits the buffer up to a whitespace near its end; keeps the last {@value #OVERLAP} characters before it. */
        private void cut() {
            int target = buffer.length() - OVERLAP / 2;
            int at = lastWhitespaceIn(target - CHUNK / 2, target);
            add(buffer.substring(0, at));
            int keepFrom = lastWhitespaceIn(at - OVERLAP - 256, at - OVERLAP);
            buffer.delete(0, keepFrom);
            newSinceCut = buffer.length() > at - keepFrom;
        }

        /** The last whitespace index in (from, to], or {@code to} when there is none (one very long token). */
        private int lastWhitespaceIn(int from, int to) {
            for (int i = to; i > from; i--) {
                if (Character.isWhitespace(buffer.charAt(i))) {
                    return i;
                }
            }
            return to;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (newSinceCut) {
                add(buffer.toString());
            }
            buffer.setLength(0);
            newSinceCut = false;
        }
    }
}
