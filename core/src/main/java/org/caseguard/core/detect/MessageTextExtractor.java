package org.caseguard.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeVisitor;

/**
 * Walks the MIME tree of a message once and collects all of its text (see {@link ExtractedText}). Anything that
 * cannot be read, and nesting deeper than the configured limit, fails with {@link UnclassifiableMessageException}:
 * content that was not read must not be treated as clean.
 */
final class MessageTextExtractor {

    private static final List<String> FREE_TEXT_HEADERS = List.of("Subject", "Comments", "Keywords", "Thread-Topic");
    private static final Set<String> KNOWN_TRANSFER_ENCODINGS = Set.of("7bit", "8bit", "binary", "base64",
        "quoted-printable", "uuencode", "x-uuencode", "x-uue");
    private static final Pattern CHARSET_PARAMETER = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final int maxDepth;
    private final int maxAttachmentChars;
    private final String markHeader;

    MessageTextExtractor(ClassifierConfig config) {
        this.maxDepth = config.maxDepth();
        this.maxAttachmentChars = config.maxAttachmentChars();
        this.markHeader = config.markHeader();
    }

    ExtractedText extract(MimeMessage message) throws UnclassifiableMessageException {
        try {
            List<String> segments = new ArrayList<>();
            String subject = headerText(message, "Subject");
            for (String header : FREE_TEXT_HEADERS.subList(1, FREE_TEXT_HEADERS.size())) {
                addIfPresent(segments, headerText(message, header));
            }
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
            return new ExtractedText(subject, segments, markValues);
        } catch (IOException | MessagingException | RuntimeException | LinkageError e) {
            throw new UnclassifiableMessageException("message could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Report parts that are plain text by definition (RFC 3464, RFC 8098): read directly, no type detection. */
    private static final java.util.Set<String> TEXT_REPORTS = java.util.Set.of("message/delivery-status",
        "message/disposition-notification", "message/global-delivery-status");

    private void walk(MimePart part, int depth, List<String> segments)
        throws MessagingException, IOException, UnclassifiableMessageException {
        if (depth > maxDepth) {
            throw new UnclassifiableMessageException("MIME nesting deeper than maxDepth=" + maxDepth);
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof MimeMultipart multipart)) {
                throw new UnclassifiableMessageException("multipart body could not be parsed as multipart");
            }
            int count = multipart.getCount();
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk((MimePart) child, depth + 1, segments);
            }
        } else if (type.equals("message/rfc822") || type.equals("message/global")) {
            MimeMessage attached;
            try (InputStream in = decodedStream(part)) {
                attached = new MimeMessage(SESSION, in);
            }
            for (String header : FREE_TEXT_HEADERS) {
                addIfPresent(segments, headerText(attached, header));
            }
            walk(attached, depth + 1, segments);
        } else if (type.equals("text/html")) {
            segments.add(htmlToText(readText(part)));
        } else if ((type.startsWith("text/") && !type.equals("text/rtf")) || TEXT_REPORTS.contains(type)) {
            segments.add(readText(part));
        } else if (!type.startsWith("image/") && !type.startsWith("audio/") && !type.startsWith("video/")) {
            String fileName = fileName(part);
            try (InputStream in = new BufferedInputStream(decodedStream(part))) {
                addIfPresent(segments, AttachmentTextExtractor.extract(in, fileName, maxAttachmentChars));
            }
        }
    }

    private static String headerText(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        if (values == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(LenientText.decodeHeader(value));
        }
        return text.toString();
    }

    private static void addIfPresent(List<String> segments, String text) {
        if (text != null && !text.isBlank()) {
            segments.add(text);
        }
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

    private static String charset(Part part) throws MessagingException {
        String[] header = part.getHeader("Content-Type");
        if (header == null || header.length == 0) {
            return null;
        }
        Matcher matcher = CHARSET_PARAMETER.matcher(header[0]);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String fileName(MimePart part) {
        try {
            String name = part.getFileName();
            return name == null ? null : LenientText.decodeHeader(name);
        } catch (MessagingException | RuntimeException e) {
            return null; // a broken file name parameter only costs the detector a hint
        }
    }

    /** The body with its transfer encoding removed; an unknown transfer encoding is read as is. */
    private static InputStream decodedStream(MimePart part) throws MessagingException, IOException {
        String encoding = part.getEncoding();
        if (encoding != null && !KNOWN_TRANSFER_ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
            return rawStream(part);
        }
        return part.getInputStream();
    }

    private static InputStream rawStream(MimePart part) throws MessagingException {
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return ((javax.mail.internet.MimeBodyPart) part).getRawInputStream();
    }

    private static String readText(MimePart part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = decodedStream(part)) {
            bytes = in.readAllBytes();
        }
        return LenientText.decode(bytes, charset(part));
    }

    /** Text as a reader of the HTML could see it, plus what is hidden in it (hidden elements, comments, alt/title). */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        StringBuilder text = new StringBuilder(document.text());
        document.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Comment comment) {
                    text.append('\n').append(comment.getData());
                } else if (node instanceof Element element) {
                    for (String attribute : List.of("alt", "title")) {
                        if (element.hasAttr(attribute)) {
                            text.append('\n').append(element.attr(attribute));
                        }
                    }
                }
            }
        });
        return text.toString();
    }
}
