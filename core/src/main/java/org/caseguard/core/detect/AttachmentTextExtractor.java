package org.caseguard.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The whole text of an attachment, written to a writer as it is read (bounded memory: nothing here holds more than a
 * buffer, the writer cuts the text into segments). The type comes from the bytes first, then the file name, never
 * from the declared Content-Type alone, so a renamed or mislabelled file is still read:
 * <ul>
 *   <li>text of any kind (plain, CSV, XML, JSON, SVG, calendar...) is decoded by {@link LenientText}; HTML through
 *       {@link HtmlText};</li>
 *   <li>every format Tika parses here (PDF, Office and OpenDocument files, RTF, archives such as zip, tar, 7z, gzip)
 *       through Tika, and every file inside a document or an archive the same way, each entry's name written into
 *       the text;</li>
 *   <li>pictures, sound, video and signatures hold no text to read and are skipped;</li>
 *   <li>anything else is read as a stream of bytes for the printable strings it holds (ASCII and UTF-16), unless it
 *       looks encrypted or compressed, which cannot be read.</li>
 * </ul>
 * A file that cannot be read completely (encrypted, password-protected, corrupt, nested deeper than the limit, an
 * archive entry the archive reader had to skip) stops with {@link UnclassifiableMessageException}: never a
 * classification of the part that could be read.
 */
final class AttachmentTextExtractor {

    private static final TikaConfig TIKA = tikaConfig();
    private static final Detector DETECTOR = TIKA.getDetector();
    private static final Parser PARSER = new AutoDetectParser(TIKA);
    private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();
    private static final Set<MediaType> PARSED = PARSER.getSupportedTypes(new ParseContext());
    private static final Set<String> TEXT_APPLICATION_TYPES = Set.of("application/xml", "application/json",
        "application/javascript", "application/x-sh", "application/ics", "application/mbox", "application/x-yaml",
        "application/yaml", "application/sql", "application/x-tex", "application/x-latex", "application/rtf-text");
    private static final Set<String> WITHOUT_TEXT = Set.of("application/pkcs7-signature",
        "application/x-pkcs7-signature", "application/pgp-signature", "application/pkcs7-mime+signature");
    private static final Set<String> ENCRYPTED = Set.of("application/pkcs7-mime", "application/x-pkcs7-mime",
        "application/pgp-encrypted", "application/x-tika-ooxml-protected", "application/x-tika-msoffice-protected");
    /** Bits of entropy per byte above which unidentified data is taken for encrypted or compressed. */
    private static final double OPAQUE_ENTROPY = 7.5;
    private static final int MIN_STRING = 4;

    private final int maxDepth;
    private final int maxChars;
    private final MessageReader messages;

    /** Reads an attached message (found inside an archive, or sent under another type) as the MIME walk does. */
    interface MessageReader {
        void read(InputStream message, Writer out, int depth) throws IOException, UnclassifiableMessageException;
    }

    private static TikaConfig tikaConfig() {
        try (InputStream xml = AttachmentTextExtractor.class.getResourceAsStream("tika-config.xml")) {
            return new TikaConfig(xml);
        } catch (IOException | TikaException | SAXException e) {
            throw new IllegalStateException("caseguard's Tika configuration could not be read", e);
        }
    }

    AttachmentTextExtractor(int maxDepth, int maxChars, MessageReader messages) {
        this.maxDepth = maxDepth;
        this.maxChars = maxChars;
        this.messages = messages;
    }

    private static boolean isText(String base) {
        return base.startsWith("text/") || base.startsWith("message/") || isXml(base) || base.equals("application/json")
            || base.endsWith("+json") || TEXT_APPLICATION_TYPES.contains(base);
    }

    private static boolean isXml(String base) {
        return base.equals("application/xml") || base.equals("text/xml") || base.endsWith("+xml");
    }

    /** Writes all text of {@code in} to {@code out}; {@code depth} counts the enclosing MIME parts and archives. */
    void extract(InputStream in, String fileName, Writer out, int depth) throws UnclassifiableMessageException, IOException {
        if (depth > maxDepth) {
            throw new UnclassifiableMessageException("attachment nesting deeper than maxDepth=" + maxDepth);
        }
        InputStream markable = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        MediaType type = detect(markable, fileName);
        String base = type.getBaseType().toString().toLowerCase(Locale.ROOT);
        if (ENCRYPTED.contains(base)) {
            throw new UnclassifiableMessageException("attachment of type " + base + " is encrypted");
        }
        if (WITHOUT_TEXT.contains(base) || isMedia(base)) {
            return;
        }
        String charset = type.getParameters().get("charset");
        if (base.equals("text/html")) {
            out.write(HtmlText.text(readAll(markable, charset, "an HTML attachment")));
        } else if (isXml(base)) {
            out.write(HtmlText.xmlText(readAll(markable, charset, "an XML attachment")));
        } else if (base.equals("application/json") || base.endsWith("+json")) {
            JsonText.copy(readAll(markable, charset, "a JSON attachment"), out);
        } else if (base.equals("message/rfc822") || base.equals("message/global")) {
            messages.read(markable, out, depth);
        } else if (StructuredText.isContentLines(base)) {
            StructuredText.copyContentLines(LenientText.reader(markable, charset), out);
        } else if (base.startsWith("text/") || base.startsWith("message/") || TEXT_APPLICATION_TYPES.contains(base)) {
            LenientText.reader(markable, type.getParameters().get("charset")).transferTo(out);
        } else if (isParsed(type)) {
            parse(markable, type, out, depth);
        } else {
            printableStrings(markable, base, out);
        }
        out.write('\n');
    }

    /** The bytes' own type when they have one; the file name's when the bytes only say "text" or nothing. */
    private static MediaType detect(InputStream markable, String fileName) throws IOException {
        MediaType byContent = DETECTOR.detect(markable, new Metadata());
        if (fileName == null || fileName.isBlank()) {
            return byContent;
        }
        Metadata named = new Metadata();
        named.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        MediaType byName = DETECTOR.detect(markable, named);
        boolean contentIsVague = byContent.equals(MediaType.OCTET_STREAM) || byContent.getBaseType().equals(MediaType.TEXT_PLAIN);
        if (!contentIsVague) {
            return byContent;
        }
        if (byContent.getBaseType().equals(MediaType.TEXT_PLAIN)) {
            // text named like a picture is still text; text named .csv, .html, .json or .svg is read as that kind
            return isText(byName.getBaseType().toString()) ? byName : byContent;
        }
        return byName;
    }

    private static boolean isMedia(String base) {
        return (base.startsWith("image/") && !base.equals("image/svg+xml")) || base.startsWith("audio/")
            || base.startsWith("video/") || base.startsWith("font/") || base.startsWith("application/font")
            || base.startsWith("application/x-font");
    }

    private static boolean isParsed(MediaType type) {
        for (MediaType t = type.getBaseType(); t != null && !t.equals(MediaType.OCTET_STREAM); t = REGISTRY.getSupertype(t)) {
            if (PARSED.contains(t) && !t.equals(MediaType.TEXT_PLAIN)) {
                return true;
            }
        }
        return false;
    }

    private void parse(InputStream markable, MediaType type, Writer out, int depth)
        throws UnclassifiableMessageException, IOException {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        ParseContext context = new ParseContext();
        context.set(Parser.class, PARSER);
        context.set(EmbeddedDocumentExtractor.class, new EmbeddedFiles(out, depth));
        try {
            PARSER.parse(markable, new BodyContentHandler(out), metadata, context);
        } catch (SAXException | TikaException | IOException | RuntimeException | LinkageError e) {
            // LinkageError: a parser library at a version the server does not provide must not let content through
            UnclassifiableMessageException inner = unclassifiableCause(e);
            if (inner != null) {
                throw inner;
            }
            throw new UnclassifiableMessageException("attachment of type " + type.getBaseType() + " could not be read", e);
        }
        for (String name : metadata.names()) {
            if (name.startsWith(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX)
                && !name.equals(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING.getName())) {
                throw new UnclassifiableMessageException("attachment of type " + type.getBaseType()
                    + " has a part that could not be read (" + name.substring(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX.length()) + ")");
            }
        }
    }

    /** The reason a nested read or the text limit gave, from wherever a parser wrapped it. */
    private static UnclassifiableMessageException unclassifiableCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NestedUnreadable nested) {
                return nested.reason;
            }
            if (t instanceof TextSegments.TextLimitExceeded limit) {
                return new UnclassifiableMessageException(limit.getMessage(), limit);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Files inside a document or an archive: their names into the text, their content read like an attachment. */
    private final class EmbeddedFiles implements EmbeddedDocumentExtractor {
        private final Writer out;
        private final int depth;

        EmbeddedFiles(Writer out, int depth) {
            this.out = out;
            this.depth = depth;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return true;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            if (name != null) {
                out.write('\n');
                out.write(name);
                out.write('\n');
            }
            try {
                extract(stream, name, out, depth + 1);
            } catch (UnclassifiableMessageException e) {
                throw new NestedUnreadable(e);
            }
        }
    }

    /** Carries a nested file's reason through Tika's parsers, which only let IOException and SAXException out. */
    private static final class NestedUnreadable extends IOException {
        final UnclassifiableMessageException reason;

        NestedUnreadable(UnclassifiableMessageException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }
    }

    private String readAll(InputStream in, String charset, String what) throws IOException {
        return TextSegments.readAll(LenientText.reader(in, charset), maxChars, what);
    }

    /**
     * Printable runs of at least {@value #MIN_STRING} characters, in single bytes (ASCII) and in UTF-16 little endian at
     * either alignment, as {@code strings} finds them; unidentified data whose bytes look random is refused as
     * unreadable.
     */
    private static void printableStrings(InputStream in, String type, Writer out)
        throws IOException, UnclassifiableMessageException {
        long[] histogram = new long[256];
        long total = 0;
        StringBuilder bytesRun = new StringBuilder();
        StringBuilder[] wideRuns = {new StringBuilder(), new StringBuilder()};
        int previous = -1;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xFF;
                histogram[b]++;
                if (isPrintable(b)) {
                    bytesRun.append((char) b);
                } else {
                    flush(bytesRun, out);
                }
                if (previous >= 0) {
                    // the byte pair (previous, b) is one UTF-16LE unit for the alignment it starts at
                    StringBuilder wide = wideRuns[(int) ((total - 1) & 1)];
                    if (isPrintable(previous) && b == 0) {
                        wide.append((char) previous);
                    } else {
                        flush(wide, out);
                    }
                }
                previous = b;
                total++;
            }
        }
        flush(bytesRun, out);
        flush(wideRuns[0], out);
        flush(wideRuns[1], out);
        if (total >= 4096 && entropy(histogram, total) > OPAQUE_ENTROPY) {
            throw new UnclassifiableMessageException("attachment of unidentified type " + type
                + " looks encrypted or compressed");
        }
    }

    private static boolean isPrintable(int b) {
        return b >= 0x20 && b < 0x7F || b == '\t';
    }

    private static void flush(StringBuilder run, Writer out) throws IOException {
        if (run.length() >= MIN_STRING) {
            out.append(run).append('\n');
        }
        run.setLength(0);
    }

    private static double entropy(long[] histogram, long total) {
        double bits = 0;
        for (long count : histogram) {
            if (count > 0) {
                double p = (double) count / total;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }
}
