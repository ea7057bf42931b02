package org.caseguard.core.crypto.smime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.ParseException;

/**
 * ENC-1 header protection in the layout of RFC 9788 (formerly draft-ietf-lamps-header-protection), "injected
 * headers": the encrypted part's own headers carry the real Subject and the other envelope headers, its Content-Type
 * says {@code hp="cipher"} (and {@code protected-headers="v1"}, the marker Thunderbird reads), and an {@code HP-Outer}
 * header records each header as it was shown outside. Clients that know neither show the neutral outer Subject and
 * the body as usual; {@code openssl cms -decrypt} prints the inner headers with the body.
 */
final class HeaderProtection {
    /** Copied inside; only Subject is replaced outside: the others are needed in clear to deliver and thread the mail. */
    static final List<String> PROTECTED = List.of("From", "Sender", "Reply-To", "To", "Cc", "Date", "Message-ID", "Subject",
        "In-Reply-To", "References");

    private HeaderProtection() {
    }

    /** Adds the protected copies and the {@code hp} marker to the headers of the part about to be encrypted. */
    static void inject(MimeMessage original, InternetHeaders inner, String outerSubject) throws MessagingException {
        for (String name : PROTECTED) {
            String[] values = original.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    inner.addHeader(name, value);
                    inner.addHeader("HP-Outer", name + ": " + (name.equals("Subject") ? outerSubject : value));
                }
            }
        }
        ContentType type = new ContentType(inner.getHeader("Content-Type", null));
        type.setParameter("hp", "cipher");
        type.setParameter("protected-headers", "v1");
        inner.setHeader("Content-Type", type.toString());
    }

    /** The Subject the sender protected, when the decrypted part is marked as carrying protected headers. */
    static Optional<String> protectedSubject(MimeMessage decrypted) throws MessagingException {
        if (!isMarked(decrypted.getContentType())) {
            return Optional.empty();
        }
        return Optional.ofNullable(decrypted.getHeader("Subject", null));
    }

    /** The content type without the markers: the opened message is no longer a cryptographic payload. */
    static String unmarked(String contentType) {
        try {
            ContentType type = new ContentType(contentType);
            if (type.getParameterList() != null) {
                type.getParameterList().remove("hp");
                type.getParameterList().remove("protected-headers");
            }
            return type.toString();
        } catch (ParseException e) {
            return contentType;
        }
    }

    private static boolean isMarked(String contentType) {
        try {
            ContentType type = new ContentType(contentType);
            String hp = type.getParameter("hp");
            String legacy = type.getParameter("protected-headers");
            return hp != null && hp.toLowerCase(Locale.ROOT).equals("cipher") || legacy != null && legacy.equalsIgnoreCase("v1");
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
