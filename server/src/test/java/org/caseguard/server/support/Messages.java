package org.caseguard.server.support;

import java.util.UUID;

/** Raw RFC 5322 messages as a staff mail client would send them. Each carries a unique Message-ID to find it by. */
public final class Messages {
    private Messages() {
    }

    public static String uniqueId() {
        return "<" + UUID.randomUUID() + "@test.agency.example>";
    }

    public static String plain(String from, String to, String subject, String body) {
        return plain(from, to, subject, body, uniqueId());
    }

    public static String plain(String from, String to, String subject, String body, String messageId) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + body + "\r\n";
    }

    public static String withHeaders(String from, String to, String extraHeaders, String contentType, String transferEncoding, String body) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + extraHeaders
            + "Message-ID: " + uniqueId() + "\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: " + contentType + "\r\n"
            + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
            + "\r\n"
            + body + "\r\n";
    }
}
