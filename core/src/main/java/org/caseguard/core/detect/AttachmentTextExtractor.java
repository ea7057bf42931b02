package org.caseguard.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Text of attachments that are not declared as text: documents (PDF, DOCX, DOC, ODT, RTF) through Tika, and plain
 * text or CSV sent as {@code application/octet-stream}. The type is detected from the bytes and the file name, not
 * from the declared Content-Type, so a renamed or mislabelled file is still read. Other binary types yield nothing.
 */
final class AttachmentTextExtractor {

    private static final Set<String> DOCUMENT_TYPES = Set.of(
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/vnd.oasis.opendocument.text",
        "application/rtf");

    private static final Logger LOGGER = LoggerFactory.getLogger(AttachmentTextExtractor.class);
    private static final TikaConfig TIKA = TikaConfig.getDefaultConfig();
    private static final Detector DETECTOR = TIKA.getDetector();
    private static final Parser PARSER = new AutoDetectParser(TIKA);

    private AttachmentTextExtractor() {
    }

    /** The detected document type when Tika should read this content, or empty when it is not a document type. */
    private static MediaType detect(InputStream markable, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        return DETECTOR.detect(markable, metadata);
    }

    /**
     * Extracts at most {@code maxChars} characters of text. Throws {@link UnclassifiableMessageException} when a
     * document of a supported type cannot be read (encrypted, corrupt): its content would otherwise go unchecked.
     */
    static String extract(InputStream in, String fileName, int maxChars) throws UnclassifiableMessageException, IOException {
        InputStream markable = in.markSupported() ? in : new BufferedInputStream(in);
        MediaType detected = detect(markable, fileName);
        String baseType = detected.getBaseType().toString().toLowerCase(Locale.ROOT);
        if (baseType.equals("text/plain") || baseType.equals("text/csv")) {
            byte[] bytes = markable.readNBytes(maxChars);
            String charset = detected.getParameters().get("charset");
            return LenientText.decode(bytes, charset);
        }
        if (!DOCUMENT_TYPES.contains(baseType)) {
            return "";
        }
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, detected.toString());
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        ParseContext context = new ParseContext();
        context.set(Parser.class, PARSER); // also read documents embedded in documents
        try {
            PARSER.parse(markable, handler, metadata, context);
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new UnclassifiableMessageException("attachment of type " + detected + " could not be read", e);
            }
            LOGGER.info("attachment of type {} truncated at maxAttachmentChars={}", baseType, maxChars);
        } catch (TikaException | RuntimeException | LinkageError e) {
            // LinkageError: a parser library at a version the server does not provide must not let content through
            throw new UnclassifiableMessageException("attachment of type " + detected + " could not be read", e);
        }
        return handler.toString();
    }
}
