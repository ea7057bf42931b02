package org.caseguard.core.detect;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Part;

/**
 * The text a person can read in a header block: every field except those on an explicit list of technical fields
 * (trace, signatures, MIME structure), decoded (RFC 2047, raw UTF-8). Message identifiers are read (a sender chooses
 * them). Address fields give their display names, comments and the local parts of their addresses, not the domains. The file name parameters of Content-Type and Content-Disposition
 * are read by {@link MimeParameters}.
 */
final class HeaderText {

    /** Fields no person writes text into; everything else, including any X- field, is read. */
    static final Set<String> TECHNICAL = Set.of(
        "received", "x-received", "return-path", "delivered-to", "x-original-to", "envelope-to",
        "date", "resent-date", "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
        "content-length", "content-md5", "content-language", "content-location",
        "dkim-signature", "domainkey-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
        "authentication-results", "received-spf", "x-google-dkim-signature", "x-ms-exchange-organization-authas",
        "autocrypt", "autocrypt-gossip", "openpgp", "thread-index", "x-ms-tnef-correlator", "x-ms-has-attach",
        "list-unsubscribe-post", "feedback-id", "x-mailer", "user-agent", "x-priority", "importance", "priority",
        "precedence", "auto-submitted", "x-auto-response-suppress");

    /** RFC 5322 and common address fields: only their display names and comments are text. */
    static final Set<String> ADDRESS = Set.of(
        "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to", "resent-cc",
        "resent-bcc", "disposition-notification-to", "return-receipt-to", "mail-followup-to", "mail-reply-to",
        "errors-to", "x-original-from", "x-sender", "x-beenthere");

    /** caseguard's own fields (forged ones are removed before classification; the mark header is read on its own). */
    private static final String OWN_PREFIX = "x-caseguard-";

    private static final Pattern ADDRESS_DOMAIN = Pattern.compile("@[^\\s<>(),;:\"]+");

    private HeaderText() {
    }

    /**
     * Adds the readable text of every field of {@code part} as one segment, a line per field, as a reader sees the
     * header block; {@code except} (lower case) is left out.
     */
    static void addAll(Part part, String except, TextSegments out) throws MessagingException {
        StringBuilder text = new StringBuilder();
        Enumeration<Header> headers = part.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header header = headers.nextElement();
            String name = header.getName().trim().toLowerCase(Locale.ROOT);
            if (name.equals(except) || TECHNICAL.contains(name) || name.startsWith(OWN_PREFIX)) {
                continue;
            }
            text.append(ADDRESS.contains(name) ? displayText(header.getValue()) : LenientText.decodeHeader(header.getValue()))
                .append('\n');
        }
        out.add(text.toString());
    }

    /** The display names, comments and address local parts of an address list, without the domains. */
    static String displayText(String rawValue) {
        return ADDRESS_DOMAIN.matcher(LenientText.decodeHeader(rawValue)).replaceAll(" ");
    }

    /** One field's values, decoded and joined by line breaks; empty when absent. */
    static String values(Part part, String name) throws MessagingException {
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
}
