package org.caseguard.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.caseguard.core.policy.Outcome;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;
import org.junit.jupiter.api.Test;

class NoticeComposerTest {
    private final NoticeComposer composer = new NoticeComposer(NoticeTexts.defaults(), "Example County DHHS",
        "the privacy officer (privacy@agency.example)", "mail.agency.example", ZoneId.of("UTC"));

    private NoticeRequest refusal() {
        return new NoticeRequest(NoticeKind.REFUSED, "alice@agency.example",
            List.of(RecipientVerdict.of("friend@gmail.test", RuleId.FW_2, Outcome.REFUSE),
                RecipientVerdict.of("birthparent@mail.test", RuleId.FW_4, Outcome.REFUSE)),
            Set.of(RuleId.FW_2, RuleId.FW_4), Optional.of("<abc@agency.example>"), Instant.parse("2026-11-23T10:00:00Z"), "key-123");
    }

    private static MimeMessage reparse(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ntc1RefusalIsAnRfc3464ReportWithReadableAndMachinePartsOnly() throws Exception {
        MimeMessage notice = reparse(composer.compose(refusal(), "postmaster@agency.example"));

        assertThat(notice.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        MimeMultipart report = (MimeMultipart) notice.getContent();
        assertThat(report.getCount()).as("no third part: the original headers could carry the sensitive Subject").isEqualTo(2);
        assertThat(report.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        MimeMultipart readable = (MimeMultipart) report.getBodyPart(0).getContent();
        assertThat(readable.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(readable.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(report.getBodyPart(1).getContentType()).startsWith("message/delivery-status");

        String status = new String(report.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(status).contains("Reporting-MTA: dns; mail.agency.example")
            .contains("Final-Recipient: rfc822; friend@gmail.test\r\nAction: failed\r\nStatus: 5.7.1")
            .contains("X-Caseguard-Rule: FW-2").contains("X-Caseguard-Rule: FW-4");
    }

    @Test
    void ntc1RefusalSaysWhoWhyAndWhatToDoInPlainLanguageWithSemanticHtml() throws Exception {
        MimeMessage notice = reparse(composer.compose(refusal(), "postmaster@agency.example"));
        MimeMultipart readable = (MimeMultipart) ((MimeMultipart) notice.getContent()).getBodyPart(0).getContent();
        String text = (String) readable.getBodyPart(0).getContent();
        String html = (String) readable.getBodyPart(1).getContent();

        assertThat(text).contains("friend@gmail.test (rule FW-2)").contains("birthparent@mail.test (rule FW-4)")
            .contains("What you can do").contains("the privacy officer (privacy@agency.example)").contains("key-123");
        assertThat(html).contains("<html lang=\"en\">").contains("<h1>").contains("<h2>What you can do</h2>").contains("<li>friend@gmail.test (rule FW-2)</li>");
        assertThat(notice.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(notice.getHeader("In-Reply-To")[0]).isEqualTo("<abc@agency.example>");
        assertThat(notice.getSubject()).contains("Example County DHHS");
    }

    @Test
    void warningIsReadableOnlyNotADsn() throws Exception {
        NoticeRequest warning = new NoticeRequest(NoticeKind.WARNING, "alice@agency.example", List.of(), Set.of(RuleId.TAG_3),
            Optional.empty(), Instant.now(), "k");
        MimeMessage notice = reparse(composer.compose(warning, "postmaster@agency.example"));
        assertThat(notice.getContentType()).startsWith("multipart/alternative");
        assertThat(raw(notice)).contains("initials or the case number").doesNotContain("delivery-status");
    }

    @Test
    void warningListsTheRecipientsItWasDeliveredTo() throws Exception {
        NoticeRequest warning = new NoticeRequest(NoticeKind.WARNING, "alice@agency.example",
            List.of(RecipientVerdict.of("bob@agency.example", RuleId.FW_1, Outcome.DELIVER)), Set.of(RuleId.TAG_3),
            Optional.empty(), Instant.now(), "k");
        String text = raw(reparse(composer.compose(warning, "postmaster@agency.example")));
        assertThat(text).contains("Your message was delivered, but").contains("Delivered to:").contains("  - bob@agency.example")
            .contains("<h2>Delivered to</h2>").contains("<li>bob@agency.example</li>").doesNotContain("Not delivered");
    }

    @Test
    void overridesReplaceTextsAndUnknownKeysAreRejected() throws Exception {
        NoticeTexts texts = NoticeTexts.defaults().withOverrides(Map.of("guidance.FW-2", "Call the records unit at 555-0100."));
        NoticeComposer custom = new NoticeComposer(texts, "DHHS", "x", "mta", ZoneId.of("UTC"));
        assertThat(raw(custom.compose(refusal(), "postmaster@agency.example"))).contains("Call the records unit at 555-0100.");
        assertThatThrownBy(() -> NoticeTexts.defaults().withOverrides(Map.of("guidance.FW-99", "x")))
            .hasMessageContaining("'guidance.FW-99' is not a notice text");
    }

    @Test
    void ntc1ConsentRefusalListsTheUnmetConditionsNextToTheAddressInTextAndHtml() throws Exception {
        NoticeRequest request = new NoticeRequest(NoticeKind.REFUSED, "alice@agency.example",
            List.of(RecipientVerdict.of("client@mail.test", RuleId.CN_1, Outcome.REFUSE)), Set.of(RuleId.CN_1),
            Optional.empty(), Instant.parse("2026-11-23T10:00:00Z"), "key-9",
            Map.of("client@mail.test", List.of("the consent form has expired (CN-1e)")));
        MimeMessage notice = reparse(composer.compose(request, "postmaster@agency.example"));
        MimeMultipart readable = (MimeMultipart) ((MimeMultipart) notice.getContent()).getBodyPart(0).getContent();
        String text = (String) readable.getBodyPart(0).getContent();
        String html = (String) readable.getBodyPart(1).getContent();
        assertThat(text).contains("client@mail.test (rule CN-1)\n      the consent form has expired (CN-1e)")
            .contains("Contact the client by telephone or mail");
        assertThat(html).contains("<li>the consent form has expired (CN-1e)</li>");
    }
}
