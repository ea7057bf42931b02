package org.caseguard.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assertions on what a sender and the outside world observe: the sender's notice (found by the original
 * Message-ID it answers, In-Reply-To) and what the outside SMTP server received. Never internal state.
 */
public final class Outcomes {
    private final PipelineFixture fixture;

    public Outcomes(PipelineFixture fixture) {
        this.fixture = fixture;
    }

    /** Waits for the sender's notice of {@code kind} (refused, warning, ...) answering {@code messageId}, returns it raw. */
    public String awaitNotice(String sender, String messageId, String kind) {
        AtomicReference<String> found = new AtomicReference<>();
        eventually().until(() -> {
            List<String> matching = noticesAbout(sender, messageId, kind);
            if (matching.isEmpty()) {
                return false;
            }
            found.set(matching.get(0));
            return true;
        });
        return found.get();
    }

    public List<String> noticesAbout(String sender, String messageId, String kind) throws Exception {
        return fixture.notices(sender).stream()
            .filter(raw -> raw.contains("In-Reply-To: " + messageId))
            .filter(raw -> raw.contains("X-Caseguard-Notice: " + kind))
            .toList();
    }

    /**
     * Refused for {@code recipient}: the sender's refusal notice names the rule and the recipient, and once the
     * decision is known (the notice came) the outside world holds nothing for that recipient.
     */
    public String assertRefused(String sender, String messageId, String recipient, String rule) {
        String notice = awaitNotice(sender, messageId, "refused");
        assertThat(notice)
            .contains("X-Caseguard-Notice: refused; rules=" + rule)
            .containsIgnoringCase("Final-Recipient: rfc822; " + recipient)
            .contains("Status: 5.7.1");
        assertThat(fixture.outside.receivedBy(recipient)).isEmpty();
        assertThat(fixture.outside.received()).noneMatch(received -> received.raw().contains(messageId));
        return notice;
    }

    /** Delivered outside: the outside world receives the message for {@code recipient}, without classification headers. */
    public OutsideWorld.Received assertDeliveredOutside(String recipient, String messageId) {
        eventually().until(() -> fixture.outside.receivedBy(recipient).stream().anyMatch(m -> m.raw().contains(messageId)));
        OutsideWorld.Received received = fixture.outside.receivedBy(recipient).stream()
            .filter(m -> m.raw().contains(messageId)).findFirst().orElseThrow();
        assertThat(received.raw()).doesNotContain("X-Caseguard-");
        return received;
    }

    /**
     * Delivered to a staff mailbox, read over IMAP; returns the raw message with this Message-ID (not a notice or
     * reply that merely refers to it).
     */
    public String assertDeliveredInside(String user, String messageId) throws Exception {
        eventually().until(() -> fixture.delivered(user, messageId).isPresent());
        return fixture.delivered(user, messageId).orElseThrow();
    }

    /** The plain-text part of a notice as its reader sees it (quoted-printable decoded, soft line breaks joined). */
    public static String readableText(String rawMessage) throws Exception {
        javax.mail.internet.MimeMessage message = new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(rawMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return firstPlainText(message).orElseThrow(() -> new AssertionError("no text/plain part in:\n" + rawMessage));
    }

    private static java.util.Optional<String> firstPlainText(javax.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return java.util.Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            javax.mail.Multipart multipart = (javax.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                java.util.Optional<String> text = firstPlainText(multipart.getBodyPart(i));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return java.util.Optional.empty();
    }
}
