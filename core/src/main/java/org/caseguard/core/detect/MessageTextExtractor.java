package org.caseguard.core.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;

/**
 * Walks the MIME tree of a message once and collects all of its text (see {@link ExtractedText}): every header field a
 * person can read ({@link HeaderText}) of the message, of each part and of each attached message; file names
 * ({@link MimeParameters}); text bodies ({@link PlainText}: any charset, format=flowed, uuencoded files), HTML
 * ({@link HtmlText}) and attachments ({@link AttachmentTextExtractor}: documents, archives, unidentified files).
 * Anything that cannot be read completely, text longer than the limit, and nesting deeper than the configured limit
 * fail with {@link UnclassifiableMessageException}: content that was not read must not be treated as clean.
 */
final class MessageTextExtractor {

    private static final Set<String> KNOWN_TRANSFER_ENCODINGS = Set.of("7bit", "8bit", "binary", "base64",
        "quoted-printable", "uuencode", "x-uuencode", "x-uue");
    /** Report parts that are plain text by definition (RFC 3464, RFC 8098): read directly, no type detection. */
    private static final Set<String> TEXT_REPORTS = Set.of("message/delivery-status",
        "message/disposition-notification", "message/global-delivery-status", "message/global-headers",
        "text/rfc822-headers");
    private static final Session SESSION = Session.getInstance(new Properties());
    /** Text parts up to 4 MB are decoded in one piece; larger ones are read as a stream, in segments. */
    private static final int WHOLE_TEXT_BYTES = 4 << 20;

    private final int maxDepth;
    private final int maxChars;
    private final String markHeader;
    private final AttachmentTextExtractor attachments;

    MessageTextExtractor(ClassifierConfig config) {
        this.maxDepth = config.maxDepth();
        this.maxChars = config.maxAttachmentChars();
        this.markHeader = config.markHeader();
        this.attachments = new AttachmentTextExtractor(config.maxDepth(), config.maxAttachmentChars(),
            this::readAttachedMessage);
    }

    ExtractedText extract(MimeMessage message) throws UnclassifiableMessageException {
        try {
            TextSegments segments = new TextSegments(maxChars);
            String subject = HeaderText.values(message, "Subject");
            HeaderText.addAll(message, "subject", segments);
            List<String> markValues = new ArrayList<>();
            if (!markHeader.isEmpty()) {
                String[] values = message.getHeader(markHeader);
                if (values != null) {
                    for (String value : values) {
                        markValues.add(LenientText.decodeHeader(value));
                    }
                }
            }
            walk(message, 0, segments);
            return new ExtractedText(subject, segments.segments(), markValues);
        } catch (TextSegments.TextLimitExceeded e) {
            throw new UnclassifiableMessageException(e.getMessage(), e);
        } catch (IOException | MessagingException | RuntimeException | LinkageError e) {
            throw new UnclassifiableMessageException("message could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private void walk(MimePart part, int depth, TextSegments segments)
        throws MessagingException, IOException, UnclassifiableMessageException {
        if (depth > maxDepth) {
            throw new UnclassifiableMessageException("MIME nesting deeper than maxDepth=" + maxDepth);
        }
        MimeParameters type = MimeParameters.parse(header(part, "Content-Type"));
        String fileName = fileNames(part, type, segments);
        String base = baseType(part);
        if (base.startsWith("multipart/")) {
            if (base.equals("multipart/encrypted")) {
                throw new UnclassifiableMessageException("multipart/encrypted content cannot be read");
            }
            Object content = part.getContent();
            if (!(content instanceof MimeMultipart multipart)) {
                throw new UnclassifiableMessageException("multipart body could not be parsed as multipart");
            }
            segments.add(multipart.getPreamble());
            int count = multipart.getCount();
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                HeaderText.addAll(child, null, segments);
                walk((MimePart) child, depth + 1, segments);
            }
        } else if (base.equals("message/rfc822") || base.equals("message/global")) {
            try (InputStream in = decodedStream(part)) {
                walkAttached(in, depth, segments);
            }
        } else if (base.equals("message/partial")) {
            throw new UnclassifiableMessageException("message/partial is a fragment; the whole message cannot be read");
        } else if (base.equals("text/html")) {
            segments.add(HtmlText.text(readAll(part, type, "an HTML part")));
        } else if (base.equals("text/xml")) {
            segments.add(HtmlText.xmlText(readAll(part, type, "an XML part")));
        } else if (StructuredText.isEnriched(base)) {
            segments.add(StructuredText.enrichedToPlain(readAll(part, type, "an enriched text part")));
        } else if (StructuredText.isContentLines(base)) {
            try (InputStream in = decodedStream(part); Reader reader = LenientText.reader(in, type.get("charset"));
                 Writer out = segments.writer("a calendar or contact part")) {
                StructuredText.copyContentLines(reader, out);
            }
        } else if ((base.startsWith("text/") && !base.equals("text/rtf")) || TEXT_REPORTS.contains(base)) {
            readPlainText(part, type, fileName, depth, segments);
        } else {
            try (InputStream in = decodedStream(part); Writer out = segments.writer("an attachment")) {
                attachments.extract(in, fileName, out, depth);
            }
        }
    }

    private void readPlainText(MimePart part, MimeParameters type, String fileName, int depth, TextSegments segments)
        throws MessagingException, IOException, UnclassifiableMessageException {
        boolean flowed = "flowed".equalsIgnoreCase(trimmed(type.get("format")));
        boolean delSp = "yes".equalsIgnoreCase(trimmed(type.get("delsp")));
        try (InputStream in = decodedStream(part)) {
            byte[] head = in.readNBytes(WHOLE_TEXT_BYTES + 1);
            if (head.length <= WHOLE_TEXT_BYTES && !flowed) {
                // the common case, a body of ordinary size: decoded at once, read line by line only if it needs it
                String text = LenientText.decode(head, type.get("charset"));
                if (text.length() > maxChars) {
                    throw new TextSegments.TextLimitExceeded("a text part has more than maxAttachmentChars=" + maxChars
                        + " characters; it is not classified from a part of it");
                }
                if (!PlainText.needsLines(text)) {
                    segments.add(text);
                    return;
                }
            }
            InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
            try (Reader reader = LenientText.reader(whole, type.get("charset"));
                 Writer out = segments.writer(fileName == null ? "a text part" : "a text attachment")) {
                PlainText.copy(reader, flowed, delSp, out, (content, name) -> {
                    try (Writer file = segments.writer("a uuencoded file")) {
                        attachments.extract(content, name, file, depth + 1);
                    }
                });
            }
        }
    }

    /** A message found inside an attachment (an archive entry, a message sent as another type), walked like one. */
    private void readAttachedMessage(InputStream in, Writer out, int depth) throws IOException, UnclassifiableMessageException {
        try {
            TextSegments nested = new TextSegments(maxChars);
            walkAttached(in, depth, nested);
            for (String segment : nested.segments()) {
                out.write(segment);
                out.write('\n');
            }
        } catch (MessagingException e) {
            throw new UnclassifiableMessageException("an attached message could not be read", e);
        }
    }

    /** An attached message: its header block, then its parts, one level deeper. */
    private void walkAttached(InputStream in, int depth, TextSegments segments)
        throws MessagingException, IOException, UnclassifiableMessageException {
        MimeMessage attached = new MimeMessage(SESSION, in);
        HeaderText.addAll(attached, null, segments);
        walk(attached, depth + 1, segments);
    }

    private String readAll(MimePart part, MimeParameters type, String what) throws MessagingException, IOException {
        try (InputStream in = decodedStream(part); Reader reader = LenientText.reader(in, type.get("charset"))) {
            return TextSegments.readAll(reader, maxChars, what);
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /**
     * Adds every file name of a part as text (Content-Disposition's {@code filename} and Content-Type's {@code name}
     * may differ) and returns the first, for type detection; null when there is none.
     */
    private static String fileNames(MimePart part, MimeParameters type, TextSegments segments) throws MessagingException {
        List<String> names = new ArrayList<>(MimeParameters.parse(header(part, "Content-Disposition")).fileNames());
        names.addAll(type.fileNames());
        names.forEach(segments::add);
        return names.isEmpty() ? null : names.get(0);
    }

    static String baseType(Part part) throws MessagingException {
        String[] header = part.getHeader("Content-Type");
        if (header == null || header.length == 0 || header[0].isBlank()) {
            return "text/plain";
        }
        String value = header[0];
        int semicolon = value.indexOf(';');
        String type = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
        return type.contains("/") ? type : "text/plain";
    }

    /**
     * The body with its transfer encoding removed; an unknown transfer encoding is read as is. Decoded here rather than
     * by JavaMail, which ignores the encoding of message and multipart parts (a forwarded message sent in base64).
     */
    private static InputStream decodedStream(MimePart part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeMessage message ? message.getRawInputStream()
            : ((MimeBodyPart) part).getRawInputStream();
        String encoding = part.getEncoding();
        if (encoding == null || !KNOWN_TRANSFER_ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
            return raw;
        }
        // buffered: JavaMail's decoders answer a read of 0 bytes with -1, which InputStream.readNBytes and readAllBytes
        // take for the end of the stream, so an unbuffered base64 body would end after its first 8 KB
        return new java.io.BufferedInputStream(MimeUtility.decode(raw, encoding.trim().toLowerCase(Locale.ROOT)));
    }
}
