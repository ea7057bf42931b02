package org.caseguard.core.autoreply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

/**
 * Writes the automatic replies to clients (CN-6, CN-10, OPS-2) and the CN-10 notice to the worker, in plain
 * language as text plus simple HTML. RFC 3834: {@code Auto-Submitted: auto-replied}, {@code In-Reply-To} and
 * {@code References} to the original Message-ID, and nothing of the original: not its Subject (it may name the
 * case), not its body. Nothing about the client either, not even a name: the replies say only how to reach the
 * agency.
 */
public final class AutoReplyComposer {
    /** One session for all replies: creating one re-reads JavaMail's provider files from the jars. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private final AutoReplyTexts texts;
    private final AgencyContact contact;
    private final List<ReplyAttachment> forms;

    public AutoReplyComposer(AutoReplyTexts texts, AgencyContact contact, List<ReplyAttachment> forms) {
        this.texts = texts;
        this.contact = contact;
        this.forms = List.copyOf(forms);
    }

    /**
     * @param from             the agency address the client wrote to
     * @param to               the client's address (the envelope sender of the original)
     * @param consentInEffect  CN-1 holds for the client today; when not, replies say email cannot be answered
     */
    public MimeMessage reply(AutoReplyKind kind, boolean consentInEffect, String from, String to,
                             Optional<String> originalMessageId, Instant now) throws MessagingException {
        List<String> paragraphs = paragraphs(kind, consentInEffect);
        MimeMessage reply = message(from, to, texts.get("subject", contact.variables()), originalMessageId, now);
        reply.setHeader("Auto-Submitted", "auto-replied");
        MimeMultipart readable = readable(paragraphs, texts.get("subject", contact.variables()));
        if (kind == AutoReplyKind.PRIVACY_REQUEST) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(readable);
            mixed.addBodyPart(body);
            for (ReplyAttachment form : forms) {
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(form.content(), form.contentType())));
                attachment.setFileName(form.fileName());
                attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(attachment);
            }
            reply.setContent(mixed);
        } else {
            reply.setContent(readable);
        }
        return finish(reply, from);
    }

    /** CN-10: tells the worker a privacy-rights request arrived and whether the forms went out; no content. */
    public MimeMessage privacyRequestNotice(String from, String to, boolean formsSent, String reason, String messageKey,
                                            Optional<String> originalMessageId, Instant now) throws MessagingException {
        Map<String, String> variables = new LinkedHashMap<>(contact.variables());
        variables.put("key", messageKey);
        variables.put("reason", reason);
        String subject = texts.get("notice.subject", variables);
        MimeMessage notice = message(from, to, subject, originalMessageId, now);
        notice.setHeader("Auto-Submitted", "auto-generated");
        List<String> paragraphs = List.of(texts.get("notice.intro", variables),
            texts.get(formsSent ? "notice.formsSent" : "notice.formsNotSent", variables), texts.get("notice.reference", variables));
        notice.setContent(readable(paragraphs, subject));
        return finish(notice, from);
    }

    private List<String> paragraphs(AutoReplyKind kind, boolean consentInEffect) {
        Map<String, String> variables = contact.variables();
        List<String> keys = new ArrayList<>();
        switch (kind) {
            case CRISIS -> {
                keys.add("crisis");
                keys.add("passedOn");
                if (!consentInEffect) {
                    keys.add("noEmail");
                }
            }
            case PRIVACY_REQUEST -> {
                keys.add("thanks");
                keys.add("privacyForms");
                keys.add("privacyReturn");
                keys.add("crisisReminder");
            }
            case NO_CONSENT -> {
                keys.add("thanks");
                keys.add("noEmail");
                keys.add("crisisReminder");
            }
            case OUT_OF_HOURS -> {
                keys.add("thanks");
                keys.add("closed");
                keys.add("crisisReminder");
            }
            case ACKNOWLEDGEMENT -> {
                keys.add("thanks");
                keys.add("received");
                keys.add("crisisReminder");
            }
        }
        keys.add("closing");
        return keys.stream().map(key -> texts.get(key, variables)).filter(text -> !text.isBlank()).toList();
    }

    private static MimeMessage message(String from, String to, String subject, Optional<String> originalMessageId,
                                       Instant now) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(now));
        if (originalMessageId.isPresent()) {
            message.setHeader("In-Reply-To", originalMessageId.get());
            message.setHeader("References", originalMessageId.get());
        }
        return message;
    }

    private static MimeMessage finish(MimeMessage message, String from) throws MessagingException {
        message.saveChanges();
        String domain = from.substring(from.lastIndexOf('@') + 1);
        message.setHeader("Message-ID", "<caseguard-autoreply-" + UUID.randomUUID() + "@" + domain + ">");
        return message;
    }

    private static MimeMultipart readable(List<String> paragraphs, String title) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(String.join("\n\n", paragraphs) + "\n", "text/plain"));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
            .append("</title></head>\n<body>\n");
        paragraphs.forEach(paragraph -> html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>\n"));
        html.append("</body></html>\n");
        alternative.addBodyPart(textPart(html.toString(), "text/html"));
        return alternative;
    }

    private static MimeBodyPart textPart(String text, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), type.substring("text/".length()));
        return part;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
