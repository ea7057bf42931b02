package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.CLIENT_FAMILY;
import static org.caseguard.server.support.PipelineFixture.CLIENT_GIVEN;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.SendFailedException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.Mime;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * FW-2 / FW-5 / TAG-1 normalisation through the real server: every way of hiding case-identifying content from a
 * naive scan, sent by staff to an outside address, must be refused with an FW-2 notice while the outside SMTP
 * server receives nothing. Negative controls must be delivered, so these tests fail both ways.
 */
class EvasionEndToEndTest {
    @TempDir
    static Path workingDirectory;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    private static final AtomicInteger RECIPIENTS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        fixture = PipelineFixture.start(workingDirectory);
        outcomes = new Outcomes(fixture);
    }

    @BeforeEach
    void announce(TestInfo test) {
        System.out.println(java.time.LocalTime.now() + " TEST " + test.getDisplayName());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** A fresh outside recipient per test, so no test can see another's mail. */
    private static String outsider() {
        return "friend" + RECIPIENTS.incrementAndGet() + "@gmail.test";
    }

    /** Sends {@code raw} (built for {@code recipient} with {@code messageId}) and asserts the FW-2 refusal. */
    private static String sendAndExpectFw2(String raw, String recipient, String messageId, String... secrets) throws Exception {
        fixture.mail.send(ALICE, raw, recipient);
        String notice = outcomes.assertRefused(ALICE, messageId, recipient, "FW-2");
        for (String secret : secrets) {
            assertThat(notice).doesNotContainIgnoringCase(secret);
        }
        return notice;
    }

    private static void plainExpectFw2(String subject, String body, String... secrets) throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        sendAndExpectFw2(Messages.plain(ALICE, to, subject, body, id), to, id, secrets);
    }

    private static void plainExpectDeliveredOutside(String subject, String body) throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, to, subject, body, id), to);
        outcomes.assertDeliveredOutside(to, id);
    }

    // ---- RFC 2047 headers, transfer encodings --------------------------------------------------------------

    @Test
    void fw2EvasionBase64SubjectWithClientFullName() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String subject = Mime.encodedWordB("Visit with Maria Lopez");
        sendAndExpectFw2(Messages.plain(ALICE, to, subject, "See you Tuesday.", id), to, id, "Lopez");
    }

    @Test
    void fw2EvasionQuotedPrintableSubjectWithCaseNumber() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String subject = Mime.encodedWordQ("Re: case " + CASE_NUMBER);
        sendAndExpectFw2(Messages.plain(ALICE, to, subject, "See you Tuesday.", id), to, id, CASE_NUMBER);
    }

    @Test
    void fw2EvasionBase64TextBodyWithCaseNumber() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.single(ALICE, to, "Notes", id, "text/plain; charset=UTF-8", "base64",
            Mime.base64Lines("Home visit for case " + CASE_NUMBER + " went well."));
        sendAndExpectFw2(raw, to, id, CASE_NUMBER);
    }

    // ---- issue 16: places and writings found by an independent corpus ---------------------------------------

    /** Sends raw headers plus a neutral body to a fresh outside recipient and asserts the FW-2 refusal. */
    private static void headersExpectFw2(String extraHeaders, String... secrets) throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: Notes\r\nMessage-ID: " + id + "\r\n"
            + extraHeaders + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee you Tuesday.\r\n";
        sendAndExpectFw2(raw, to, id, secrets);
    }

    @Test
    void tag1EvasionCaseNumberInACustomHeaderField() throws Exception {
        headersExpectFw2("X-Case-Reference: " + CASE_NUMBER + "\r\n", CASE_NUMBER);
    }

    @Test
    void tag1EvasionClientNameInTheToDisplayName() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = "From: " + ALICE + "\r\nTo: \"" + CLIENT_GIVEN + " " + CLIENT_FAMILY + "\" <" + to + ">\r\n"
            + "Subject: Notes\r\nMessage-ID: " + id + "\r\n\r\nSee you Tuesday.\r\n";
        sendAndExpectFw2(raw, to, id, CLIENT_FAMILY);
    }

    @Test
    void tag1EvasionCaseNumberOnlyInAnRfc2231FileName() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.multipart(ALICE, to, "Scan", id,
            Mime.part("text/plain; charset=UTF-8", "7bit", null, "scan attached"),
            "Content-Type: image/png\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''" + CASE_NUMBER.substring(0, 6)
                + ";\r\n filename*1=\"" + CASE_NUMBER.substring(6) + ".png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "iVBORw0KGgo=\r\n");
        sendAndExpectFw2(raw, to, id, CASE_NUMBER);
    }

    @Test
    void tag1EvasionNameAtTheEndOfABase64BodyPastItsFirst8Kilobytes() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.single(ALICE, to, "Notes", id, "text/plain; charset=UTF-8", "base64",
            Mime.base64Lines("ordinary words of a long note. ".repeat(1000) + CLIENT_GIVEN + " " + CLIENT_FAMILY));
        sendAndExpectFw2(raw, to, id, CLIENT_FAMILY);
    }

    @Test
    void tag1EvasionGreekCapitalLookAlikesAndRightToLeftOverride() throws Exception {
        plainExpectFw2("Notes", "Seen: \u039C\u0391RI\u0391 " + CLIENT_FAMILY.toUpperCase(java.util.Locale.ROOT));
        plainExpectFw2("Notes", "Ref \u202E" + new StringBuilder(CASE_NUMBER).reverse() + "\u202C thanks");
    }

    @Test
    void tag1EvasionFlowedSoftBreakInsideTheSurname() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String family = CLIENT_FAMILY;
        String raw = Mime.single(ALICE, to, "Notes", id, "text/plain; charset=UTF-8; format=flowed; delsp=yes", "7bit",
            "The visit with " + CLIENT_GIVEN + " " + family.substring(0, 2) + " \r\n" + family.substring(2) + " went well.\r\n");
        sendAndExpectFw2(raw, to, id, CLIENT_FAMILY);
    }

    // ---- HTML -------------------------------------------------------------------------------------------------

    private static void htmlExpectFw2(String html, String... secrets) throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.single(ALICE, to, "Notes", id, "text/html; charset=UTF-8", "8bit",
            "<html><body>" + html + "</body></html>");
        sendAndExpectFw2(raw, to, id, secrets);
    }

    @Test
    void fw2EvasionHtmlEntitiesInClientName() throws Exception {
        htmlExpectFw2("<p>Visit with M&#97;ria L&#111;pez tomorrow.</p>", "Lopez");
    }

    @Test
    void fw2EvasionHtmlHiddenCaseNumber() throws Exception {
        htmlExpectFw2("<p>Nothing to see here.</p><div style=\"display:none\">" + CASE_NUMBER + "</div>", CASE_NUMBER);
    }

    @Test
    void fw2EvasionHtmlNameSplitByEmptyTags() throws Exception {
        htmlExpectFw2("<p>Visit with Ma<b></b>ria Lo<span></span>pez tomorrow.</p>", "Lopez");
    }

    // ---- Unicode normalisation ---------------------------------------------------------------------------------

    @Test
    void fw2EvasionZeroWidthSpaceInsideClientName() throws Exception {
        plainExpectFw2("Notes", "Visit with Ma\u200Bria Lo\u200Bpez tomorrow.", "Lopez");
    }

    @Test
    void fw2EvasionZeroWidthSpaceInsideCaseNumber() throws Exception {
        plainExpectFw2("Notes", "Home visit for 2024-\u200BCW-00\u200B123 went well.", "00123");
    }

    @Test
    void fw2EvasionCyrillicLookAlikesInClientName() throws Exception {
        plainExpectFw2("Notes", "Visit with M\u0430ria L\u043Epez tomorrow.", "pez");
    }

    @Test
    void fw2EvasionUpperCaseClientName() throws Exception {
        plainExpectFw2("Notes", "VISIT WITH MARIA LOPEZ TOMORROW.", "Lopez");
    }

    @Test
    void fw2EvasionLowerCaseCaseNumber() throws Exception {
        plainExpectFw2("Notes", "home visit for 2024-cw-00123 went well.", "00123");
    }

    @Test
    void fw2EvasionCaseNumberWithSpaces() throws Exception {
        plainExpectFw2("Notes", "Home visit for 2024 CW 00123 went well.", "00123");
    }

    @Test
    void fw2EvasionCaseNumberWithoutSeparators() throws Exception {
        plainExpectFw2("Notes", "Home visit for 2024CW00123 went well.", "00123");
    }

    // ---- other identifiers ---------------------------------------------------------------------------------------

    @Test
    void fw2ClientIdentifierFromRegistry() throws Exception {
        plainExpectFw2("Records", "Please pull chart MR-778812 before Friday.", "778812");
    }

    @Test
    void fw2SurnameWithDateOfBirth() throws Exception {
        plainExpectFw2("Records", "About Lopez, born 03/05/2014, the school called.", "Lopez", "2014");
    }

    @Test
    void fw2ValidSsnWithKeywordAndNoRegisteredCaseIsRestricted() throws Exception {
        plainExpectFw2("Form", "Applicant SSN: 212-34-5678 for the benefits form.", "212-34-5678", "5678");
    }

    // ---- FW-5 forwards and replies ----------------------------------------------------------------------------

    @Test
    void fw5CaseMailForwardedAsAttachedMessage() throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String original = Messages.plain(BOB, ALICE, "Visit", "Home visit for " + CASE_NUMBER + " went well.");
        String raw = Mime.multipart(ALICE, to, "Fwd: Visit", id,
            Mime.part("text/plain; charset=UTF-8", "7bit", null, "FYI, see attached."),
            Mime.part("message/rfc822", "7bit", "Content-Disposition: attachment; filename=\"visit.eml\"\r\n", original));
        sendAndExpectFw2(raw, to, id, CASE_NUMBER);
    }

    @Test
    void fw5CaseMailForwardedAsQuotedText() throws Exception {
        plainExpectFw2("Re: Visit", "Sounds good.\r\n\r\nOn Monday Bob wrote:\r\n> Home visit for " + CASE_NUMBER + "\r\n> went well.",
            CASE_NUMBER);
    }

    // ---- attachments --------------------------------------------------------------------------------------------

    private static void attachmentExpectFw2(String contentType, String fileName, byte[] content) throws Exception {
        String to = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.multipart(ALICE, to, "Report", id,
            Mime.part("text/plain; charset=UTF-8", "7bit", null, "Report attached."),
            Mime.attachment(contentType, fileName, content));
        sendAndExpectFw2(raw, to, id, CASE_NUMBER);
    }

    @Test
    void fw2PdfAttachmentWithCaseNumber() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(PDType1Font.HELVETICA, 12);
                content.newLineAtOffset(72, 700);
                content.showText("Court report for case " + CASE_NUMBER);
                content.endText();
            }
            document.save(out);
        }
        attachmentExpectFw2("application/pdf", "report.pdf", out.toByteArray());
    }

    @Test
    void fw2DocxAttachmentWithCaseNumber() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("Court report for case " + CASE_NUMBER);
            document.write(out);
        }
        attachmentExpectFw2("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "report.docx",
            out.toByteArray());
    }

    @Test
    void fw2CsvAttachmentWithCaseNumber() throws Exception {
        attachmentExpectFw2("text/csv", "visits.csv",
            ("case,date,worker\r\n" + CASE_NUMBER + ",2026-11-20,alice\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Outlook on Windows labels .csv files application/vnd.ms-excel; the text is the same and must be read. */
    @Test
    void fw2CsvAttachmentLabelledAsExcelWithCaseNumber() throws Exception {
        attachmentExpectFw2("application/vnd.ms-excel", "visits.csv",
            ("case,date,worker\r\n" + CASE_NUMBER + ",2026-11-20,alice\r\n").getBytes(StandardCharsets.UTF_8));
    }

    // ---- negative controls: must be delivered outside ----------------------------------------------------------

    @Test
    void negativeControlBareSurnameIsDeliveredOutside() throws Exception {
        plainExpectDeliveredOutside("Hello", "Mr Lopez from the print shop called back.");
    }

    @Test
    void negativeControlInvalidSsnIsDeliveredOutside() throws Exception {
        plainExpectDeliveredOutside("Form", "The sample form shows SSN 000-12-3456 as the example.");
    }

    @Test
    void negativeControlNineDigitNumberWithoutKeywordIsDeliveredOutside() throws Exception {
        plainExpectDeliveredOutside("Invoice", "Invoice number 212345678 is paid.");
    }

    @Test
    void negativeControlOtherNumberFormatIsDeliveredOutside() throws Exception {
        plainExpectDeliveredOutside("Order", "Purchase order PO-2024-7781 was approved.");
    }

    // ---- look-alike and variant domains (FW-1 / FW-2 domain rules) ----------------------------------------------

    private static void caseMailExpectFw2To(String to) throws Exception {
        String id = Messages.uniqueId();
        sendAndExpectFw2(Messages.plain(ALICE, to, "Visit", "Home visit for " + CASE_NUMBER + " went well.", id), to, id,
            CASE_NUMBER);
    }

    @Test
    void fw2LookAlikeDomainWithInternalDomainAsPrefix() throws Exception {
        caseMailExpectFw2To("someone@agency.example.evil.test");
    }

    @Test
    void fw2LookAlikeDomainWithInternalDomainAsSuffixOfLabel() throws Exception {
        caseMailExpectFw2To("someone@evilagency.example");
    }

    @Test
    void fw1UpperCaseInternalAddressIsDeliveredToBob() throws Exception {
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "BOB@AGENCY.EXAMPLE", "Visit", "Home visit for " + CASE_NUMBER, id),
            "BOB@AGENCY.EXAMPLE");
        String delivered = outcomes.assertDeliveredInside(BOB, id);
        assertThat(delivered).contains("X-Caseguard-Rules: FW-1");
        assertThat(fixture.outside.received()).noneMatch(m -> m.raw().contains(id));
    }

    /** dhhs.agency.example is inside the agency but not hosted by this James: relayed (to the gateway), headers stripped. */
    @Test
    void fw1SubdomainOfInternalDomainIsRemoteDeliveredWithoutClassificationHeaders() throws Exception {
        String to = "someone@dhhs.agency.example";
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, to, "Visit", "Home visit for " + CASE_NUMBER, id), to);
        outcomes.assertDeliveredOutside(to, id);
        assertThat(outcomes.noticesAbout(ALICE, id, "refused")).isEmpty();
    }

    /** A trailing dot on an outside domain must not make it look like something else. */
    @Test
    void fw2TrailingDotOutsideRecipient() throws Exception {
        String to = "friend@gmail.test.";
        String id = Messages.uniqueId();
        String raw = Messages.plain(ALICE, to, "Visit", "Home visit for " + CASE_NUMBER + " went well.", id);
        try {
            fixture.mail.send(ALICE, raw, to);
        } catch (SendFailedException rejected) {
            // James refused the address at RCPT TO: nothing was accepted, so nothing can leak
            assertThat(rejected.getInvalidAddresses()).isNotEmpty();
            assertThat(fixture.outside.received()).noneMatch(m -> m.raw().contains(id));
            return;
        }
        String notice = outcomes.awaitNotice(ALICE, id, "refused");
        assertThat(notice).contains("rules=FW-2").containsIgnoringCase("Final-Recipient: rfc822; friend@gmail.test").doesNotContain(CASE_NUMBER);
        assertThat(fixture.outside.received()).noneMatch(m -> m.raw().contains(id));
    }
}
