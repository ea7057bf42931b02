package org.caseguard.core.crypto.smime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePartDataSource;
import javax.mail.util.ByteArrayDataSource;

/**
 * ENC-3: makes a MIME entity 7-bit before it is signed (RFC 8551 3.1.2): a part sent as 8bit or binary, or with
 * 8-bit bytes or lines over 998 characters, is re-encoded as quoted-printable (text) or base64 (anything else), so
 * that no relay has to re-encode it in transit and break the signature. Parts that are already 7-bit are left
 * byte for byte as they are; nested multiparts are walked. No JavaMail content handlers are used (mailcap trap).
 */
final class SevenBitContent {
    private static final int MAX_LINE = 998;

    private SevenBitContent() {
    }

    static byte[] of(byte[] entity) throws MessagingException, IOException {
        // Most mail (text, base64 attachments) is 7-bit already: one pass over the bytes instead of parsing every part.
        if (isSevenBitWithoutEightBitDeclarations(entity)) {
            return entity;
        }
        MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(entity));
        if (!convert(part)) {
            return entity;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }

    /** @return whether the part (or one inside it) was re-encoded */
    private static boolean convert(MimeBodyPart part) throws MessagingException, IOException {
        String type = part.getContentType();
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
            boolean changed = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                changed |= convert((MimeBodyPart) multipart.getBodyPart(i));
            }
            if (changed) {
                String encoding = part.getEncoding();
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                multipart.writeTo(body);
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(body.toByteArray(), type)));
                part.setHeader("Content-Type", type);
                if (encoding != null) {
                    part.setHeader("Content-Transfer-Encoding", "7bit");
                }
            }
            return changed;
        }
        if (part.isMimeType("message/*")) {
            return false;
        }
        String encoding = part.getEncoding() == null ? "7bit" : part.getEncoding().toLowerCase(Locale.ROOT);
        if (encoding.equals("base64") || encoding.equals("quoted-printable")) {
            return false;
        }
        byte[] raw;
        try (InputStream in = part.getRawInputStream()) {
            raw = in.readAllBytes();
        }
        if (encoding.equals("7bit") && isSevenBit(raw)) {
            return false;
        }
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(raw, type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", part.isMimeType("text/*") ? "quoted-printable" : "base64");
        return true;
    }

    private static final byte[] ENCODING_HEADER = "content-transfer-encoding:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * One pass: every byte 7-bit, no line over 998 characters, and no line starting with a Content-Transfer-Encoding
     * header naming 8bit or binary (such a part is re-encoded even when its bytes are 7-bit). Base64 lines never start
     * like that header: ':' and '-' are not in its alphabet.
     */
    private static boolean isSevenBitWithoutEightBitDeclarations(byte[] raw) {
        int i = 0;
        while (i < raw.length) {
            int lineStart = i;
            if ((raw[i] | 0x20) == 'c' && declaresEightBit(raw, i)) {
                return false;
            }
            int limit = Math.min(raw.length, lineStart + MAX_LINE + 1);
            for (byte b; i < limit && (b = raw[i]) != '\n' && b != '\r'; i++) {
                if (b <= 0) {
                    return false;
                }
            }
            if (i - lineStart > MAX_LINE) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static boolean declaresEightBit(byte[] raw, int lineStart) {
        if (raw.length - lineStart <= ENCODING_HEADER.length || !startsWithIgnoringCase(raw, lineStart, ENCODING_HEADER)) {
            return false;
        }
        int end = lineStart + ENCODING_HEADER.length;
        while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
            end++;
        }
        String value = new String(raw, lineStart + ENCODING_HEADER.length, end - lineStart - ENCODING_HEADER.length,
            java.nio.charset.StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
        return value.isEmpty() || value.startsWith("8bit") || value.startsWith("binary");
    }

    private static boolean startsWithIgnoringCase(byte[] raw, int offset, byte[] lowerCasePrefix) {
        for (int i = 0; i < lowerCasePrefix.length; i++) {
            byte b = raw[offset + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCasePrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSevenBit(byte[] raw) {
        int line = 0;
        for (byte b : raw) {
            if (b < 0 || b == 0) {
                return false;
            }
            if (b == '\n' || b == '\r') {
                line = 0;
            } else if (++line > MAX_LINE) {
                return false;
            }
        }
        return true;
    }
}
