package org.caseguard.server.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Raw MIME building blocks for end-to-end messages: headers, parts, multiparts, base64 bodies. */
public final class Mime {
    private Mime() {
    }

    public static String header(String from, String to, String subject, String messageId) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n";
    }

    /** A whole single-part message: headers plus one body with its content type and transfer encoding. */
    public static String single(String from, String to, String subject, String messageId, String contentType,
                                String transferEncoding, String body) {
        return header(from, to, subject, messageId)
            + "Content-Type: " + contentType + "\r\n"
            + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
            + "\r\n" + body + "\r\n";
    }

    /** A body part (headers and body) for {@link #multipart}. */
    public static String part(String contentType, String transferEncoding, String extraHeaders, String body) {
        return "Content-Type: " + contentType + "\r\n"
            + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
            + (extraHeaders == null ? "" : extraHeaders)
            + "\r\n" + body;
    }

    public static String attachment(String contentType, String fileName, byte[] content) {
        return part(contentType + "; name=\"" + fileName + "\"", "base64",
            "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n", base64Lines(content));
    }

    /** The body of a multipart (boundary lines and parts, closing boundary included). */
    public static String multipartBody(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    public static String multipart(String from, String to, String subject, String messageId, String... parts) {
        String boundary = boundary();
        return header(from, to, subject, messageId)
            + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
            + "\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + multipartBody(boundary, parts);
    }

    public static String boundary() {
        return "b-" + UUID.randomUUID();
    }

    public static String base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content);
    }

    public static String base64Lines(String text) {
        return base64Lines(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 2047 B encoded word. */
    public static String encodedWordB(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** An RFC 2047 Q encoded word; every character outside [A-Za-z] is hex-escaped, spaces as '_'. */
    public static String encodedWordQ(String text) {
        StringBuilder out = new StringBuilder("=?UTF-8?Q?");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == ' ') {
                out.append('_');
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                out.append((char) c);
            } else {
                out.append('=').append(String.format("%02X", c));
            }
        }
        return out.append("?=").toString();
    }
}
