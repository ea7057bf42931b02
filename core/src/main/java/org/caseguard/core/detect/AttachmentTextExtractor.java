package org.caseguard.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Text of document attachments (PDF, DOCX, DOC, ODT, RTF) through Tika. The type is detected from the bytes and the
 * file name, not only the declared Content-Type, so a renamed or mislabelled document is still read. Other binary
 * types yield nothing.
 */
final class AttachmentTextExtractor {

    private static final Set<String> DOCUMENT_TYPES = Set.of(
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/vnd.oasis.opendocument.text",
        "application/rtf");

    private static final TikaConfig TIKA = TikaConfig.getDefaultConfig();
    private static final Detector DETECTOR = TIKA.getDetector();
    private static final Parser PARSER = new AutoDetectParser(TIKA);

    private AttachmentTextExtractor() {
    }

    /** The detected document type when Tika should read this content, or empty when it is not a document type. */
    static Optional<MediaType> documentType(InputStream markable, String fileName, String declaredType) throws IOException {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        if (declaredType != null) {
            metadata.set(Metadata.CONTENT_TYPE, declaredType);
        }
        MediaType type = DETECTOR.detect(markable, metadata);
        return DOCUMENT_TYPES.contains(type.getBaseType().toString().toLowerCase(Locale.ROOT)) ? Optional.of(type) : Optional.empty();
    }

    /**
     * Extracts at most {@code maxChars} characters of text. Throws {@link UnclassifiableMessageException} when a
     * document of a supported type cannot be read (encrypted, corrupt): its content would otherwise go unchecked.
     */
    static String extract(InputStream in, String fileName, int maxChars) throws UnclassifiableMessageException, IOException {
        InputStream markable = in.markSupported() ? in : new BufferedInputStream(in);
        Optional<MediaType> type = documentType(markable, fileName, null);
        if (type.isEmpty()) {
            return "";
        }
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type.get().toString());
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        ParseContext context = new ParseContext();
        context.set(Parser.class, PARSER); // also read documents embedded in documents
        try {
            PARSER.parse(markable, handler, metadata, context);
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new UnclassifiableMessageException("attachment of type " + type.get() + " could not be read", e);
            }
        } catch (TikaException | RuntimeException | LinkageError e) {
            // LinkageError: a parser library at a version the server does not provide must not let content through
            throw new UnclassifiableMessageException("attachment of type " + type.get() + " could not be read", e);
        }
        return handler.toString();
    }
}
