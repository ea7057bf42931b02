package org.caseguard.core.notice;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;

/**
 * Builds notices in plain language, as a text part plus simple semantic HTML. A refusal is an RFC 3464 delivery
 * status notification ({@code multipart/report; report-type=delivery-status}) whose machine-readable part names
 * each refused recipient with status 5.7.1 and the rule ID. The original message is never attached, not even
 * its headers (RFC 3464 allows omitting the third part): its Subject may itself be what triggered the refusal.
 * A warning (the message was delivered) lists the recipients it was delivered to, and only those.
 */
public final class NoticeComposer {
    /** One session for all notices: creating one re-reads JavaMail's provider files from the jars. */
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

    private final NoticeTexts texts;
    private final String agencyName;
    private final String contact;
    private final String reportingMta;
    private final ZoneId zone;

    public NoticeComposer(NoticeTexts texts, String agencyName, String contact, String reportingMta, ZoneId zone) {
        this.texts = texts;
        this.agencyName = agencyName;
        this.contact = contact;
        this.reportingMta = reportingMta;
        this.zone = zone;
    }

    public MimeMessage compose(NoticeRequest request, String from) throws MessagingException {
        MimeMessage notice = new MimeMessage(SESSION);
        notice.setFrom(new InternetAddress(from));
        notice.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(request.to()));
        notice.setSubject(text(subjectKey(request.kind()), request), StandardCharsets.UTF_8.name());
        notice.setSentDate(new Date());
        notice.setHeader("Auto-Submitted", "auto-replied");
        notice.setHeader("X-Caseguard-Notice", request.kind().name().toLowerCase(Locale.ROOT) + "; rules="
            + request.rules().stream().map(RuleId::id).sorted().collect(Collectors.joining(",")));
        request.originalMessageId().ifPresent(id -> {
            try {
                notice.setHeader("In-Reply-To", id);
                notice.setHeader("References", id);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });

        MimeMultipart readable = new MimeMultipart("alternative");
        readable.addBodyPart(textPart(plainText(request), "text/plain"));
        readable.addBodyPart(textPart(html(request), "text/html"));

        if (request.kind() == NoticeKind.REFUSED) {
            MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
            MimeBodyPart readablePart = new MimeBodyPart();
            readablePart.setContent(readable);
            report.addBodyPart(readablePart);
            report.addBodyPart(deliveryStatus(request));
            notice.setContent(report);
        } else {
            notice.setContent(readable);
        }
        notice.saveChanges();
        notice.setHeader("Message-ID", "<caseguard-notice-" + UUID.randomUUID() + "@" + reportingMta + ">");
        return notice;
    }

    private static String subjectKey(NoticeKind kind) {
        return switch (kind) {
            case REFUSED -> "subject.refused";
            case WARNING -> "subject.warning";
            case EXTERNAL -> "subject.external";
        };
    }

    private static String introKey(NoticeKind kind) {
        return switch (kind) {
            case REFUSED -> "intro.refused";
            case WARNING -> "intro.warning";
            case EXTERNAL -> "intro.external";
        };
    }

    private Map<String, String> variables(NoticeRequest request) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("agency", agencyName);
        variables.put("contact", contact);
        variables.put("date", DATE.format(request.originalDate().atZone(zone)));
        variables.put("messageId", request.originalMessageId().orElse("(none)"));
        variables.put("rules", request.rules().stream().map(RuleId::id).sorted().collect(Collectors.joining(", ")));
        variables.put("key", request.messageKey());
        return variables;
    }

    private String text(String key, NoticeRequest request) {
        return texts.get(key, variables(request));
    }

    private List<RuleId> sortedRules(NoticeRequest request) {
        return request.rules().stream().sorted().toList();
    }

    private String plainText(NoticeRequest request) {
        StringBuilder out = new StringBuilder();
        out.append(text(introKey(request.kind()), request)).append("\n\n");
        if (request.kind() == NoticeKind.REFUSED) {
            out.append(text("heading.recipients", request)).append(":\n");
            request.recipients().forEach(verdict -> {
                out.append("  - ").append(verdict.recipient()).append(" (rule ").append(ruleOf(verdict)).append(")\n");
                request.details().getOrDefault(verdict.recipient(), List.of())
                    .forEach(detail -> out.append("      ").append(detail).append('\n'));
            });
            out.append('\n');
        } else if (request.kind() == NoticeKind.WARNING && !request.recipients().isEmpty()) {
            out.append(text("heading.delivered", request)).append(":\n");
            request.recipients().forEach(verdict -> out.append("  - ").append(verdict.recipient()).append('\n'));
            out.append('\n');
        }
        out.append(text("heading.why", request)).append(":\n");
        sortedRules(request).forEach(rule -> out.append("  ").append(rule.id()).append(": ")
            .append(text("reason." + rule.id(), request)).append('\n'));
        out.append('\n').append(text("heading.whatToDo", request)).append(":\n");
        sortedRules(request).forEach(rule -> out.append("  ").append(text("guidance." + rule.id(), request)).append('\n'));
        out.append('\n').append(text("heading.reference", request)).append(": ").append(text("reference.line", request))
            .append("\n\n").append(text("footer", request)).append('\n');
        return out.toString();
    }

    private String html(NoticeRequest request) {
        String title = escape(text(subjectKey(request.kind()), request));
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
            .append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<p>")
            .append(escape(text(introKey(request.kind()), request))).append("</p>\n");
        if (request.kind() == NoticeKind.REFUSED) {
            out.append("<h2>").append(escape(text("heading.recipients", request))).append("</h2>\n<ul>\n");
            request.recipients().forEach(verdict -> {
                out.append("<li>").append(escape(verdict.recipient())).append(" (rule ").append(escape(ruleOf(verdict))).append(')');
                List<String> details = request.details().getOrDefault(verdict.recipient(), List.of());
                if (!details.isEmpty()) {
                    out.append("\n<ul>");
                    details.forEach(detail -> out.append("<li>").append(escape(detail)).append("</li>"));
                    out.append("</ul>\n");
                }
                out.append("</li>\n");
            });
            out.append("</ul>\n");
        } else if (request.kind() == NoticeKind.WARNING && !request.recipients().isEmpty()) {
            out.append("<h2>").append(escape(text("heading.delivered", request))).append("</h2>\n<ul>\n");
            request.recipients().forEach(verdict -> out.append("<li>").append(escape(verdict.recipient())).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<h2>").append(escape(text("heading.why", request))).append("</h2>\n<ul>\n");
        sortedRules(request).forEach(rule -> out.append("<li><strong>").append(rule.id()).append("</strong>: ")
            .append(escape(text("reason." + rule.id(), request))).append("</li>\n"));
        out.append("</ul>\n<h2>").append(escape(text("heading.whatToDo", request))).append("</h2>\n<ul>\n");
        sortedRules(request).forEach(rule -> out.append("<li>").append(escape(text("guidance." + rule.id(), request))).append("</li>\n"));
        out.append("</ul>\n<h2>").append(escape(text("heading.reference", request))).append("</h2>\n<p>")
            .append(escape(text("reference.line", request))).append("</p>\n<p><small>")
            .append(escape(text("footer", request))).append("</small></p>\n</body></html>\n");
        return out.toString();
    }

    private MimeBodyPart deliveryStatus(NoticeRequest request) throws MessagingException {
        StringBuilder status = new StringBuilder();
        status.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        status.append("Arrival-Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(request.originalDate().atZone(zone))).append("\r\n");
        for (RecipientVerdict verdict : request.recipients()) {
            status.append("\r\n");
            status.append("Final-Recipient: rfc822; ").append(verdict.recipient()).append("\r\n");
            status.append("Action: failed\r\n");
            status.append("Status: 5.7.1\r\n");
            status.append("Diagnostic-Code: smtp; 550 5.7.1 Refused by agency mail policy, rule ").append(ruleOf(verdict)).append("\r\n");
            status.append("X-Caseguard-Rule: ").append(ruleOf(verdict)).append("\r\n");
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(status.toString().getBytes(StandardCharsets.US_ASCII),
            "message/delivery-status")));
        part.setHeader("Content-Type", "message/delivery-status");
        part.setHeader("Content-Transfer-Encoding", "7bit");
        return part;
    }

    private static String ruleOf(RecipientVerdict verdict) {
        return verdict.rule().map(RuleId::id).orElse("none");
    }

    private static MimeBodyPart textPart(String content, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), type.substring("text/".length()));
        return part;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
