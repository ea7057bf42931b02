package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.detect.Fixtures.SESSION;
import static org.caseguard.core.detect.Fixtures.classifier;
import static org.caseguard.core.detect.Fixtures.hit;
import static org.caseguard.core.detect.Fixtures.parse;
import static org.caseguard.core.detect.Fixtures.roundTrip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.junit.jupiter.api.Test;

class MimeExtractionTest {

    private static final String CASE = "2023-CW-00123";

    private static Classification classify(MimeMessage message) throws Exception {
        return classifier().classify(roundTrip(message));
    }

    private static MimeMessage withParts(String subject, MimeBodyPart... parts) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setSubject(subject, "UTF-8");
        MimeMultipart multipart = new MimeMultipart("mixed");
        for (MimeBodyPart part : parts) {
            multipart.addBodyPart(part);
        }
        message.setContent(multipart);
        return message;
    }

    private static MimeBodyPart text(String body) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, "UTF-8");
        return part;
    }

    private static MimeBodyPart attachment(byte[] content, String type, String fileName) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new javax.activation.DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(fileName);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    @Test
    void rfc2047Base64AndQuotedPrintableSubjectsAreDecoded() throws Exception {
        String b64 = Base64.getEncoder().encodeToString("Visite de María López".getBytes(StandardCharsets.UTF_8));
        Classification base64 = classifier().classify(parse("Subject: =?UTF-8?B?" + b64 + "?=\n\nhello\n"));
        assertThat(base64.subjectClientIds()).containsExactly("c-maria");
        Classification qp = classifier().classify(parse("Subject: =?iso-8859-1?Q?Mar=EDa_L=F3pez?= =?utf-8?q?_today?=\n\nhello\n"));
        assertThat(qp.subjectClientIds()).containsExactly("c-maria");
    }

    @Test
    void unknownCharsetInSubjectAndBodyIsDecodedLeniently() throws Exception {
        Classification result = classifier().classify(parse("Subject: =?x-unknown-42?Q?Maria_Lopez?=\n"
            + "Content-Type: text/plain; charset=x-no-such-charset\n\ncase 2023-CW-00123\n"));
        assertThat(result.subjectClientIds()).containsExactly("c-maria");
        assertThat(result.caseNumbers()).contains(CASE);
    }

    @Test
    void base64BodyIsDecoded() throws Exception {
        String body = Base64.getMimeEncoder().encodeToString(("About case " + CASE).getBytes(StandardCharsets.UTF_8));
        Classification result = classifier().classify(parse("Subject: hi\nContent-Type: text/plain; charset=utf-8\n"
            + "Content-Transfer-Encoding: base64\n\n" + body + "\n"));
        assertThat(result.caseNumbers()).containsExactly(CASE);
    }

    @Test
    void otherFreeTextHeadersAreScanned() throws Exception {
        Classification result = classifier().classify(parse("Subject: hi\nKeywords: Maria Lopez\n\nnothing\n"));
        assertThat(result.clientIds()).containsExactly("c-maria");
        assertThat(result.subjectClientIds()).isEmpty();
    }

    @Test
    void htmlEntitiesHiddenTextAndTagSplitNamesAreFound() throws Exception {
        for (String html : new String[] {"<p>M&#97;ria L&oacute;pez</p>", "<div style=\"display:none\">Maria Lopez</div><p>hi</p>",
            "<p>Ma<b></b>ria Lo<span>pez</span></p>", "<p>hi<!-- Maria Lopez --></p>", "<img alt=\"Maria Lopez\">"}) {
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(html, "text/html; charset=utf-8");
            assertThat(classify(withParts("hi", part)).clientIds()).as(html).containsExactly("c-maria");
        }
    }

    @Test
    void forwardedAsAttachedMessageAndAsQuotedTextAreScanned() throws Exception {
        MimeMessage original = new MimeMessage(SESSION);
        original.setSubject("Maria Lopez placement");
        original.setText("See you Monday");
        original.saveChanges();
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(original, "message/rfc822");
        Classification attached = classify(withParts("Fwd", text("FYI"), forwarded));
        assertThat(attached.clientIds()).containsExactly("c-maria");
        assertThat(attached.subjectClientIds()).isEmpty();

        Classification quoted = classify(withParts("Re: hi", text("Agreed.\n\n> On Monday:\n> case 2023-\n> CW-00123 is set")));
        assertThat(quoted.caseNumbers()).containsExactly(CASE);
    }

    @Test
    void pdfAttachmentIsRead() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(PDType1Font.HELVETICA, 12);
                content.newLineAtOffset(72, 700);
                content.showText("Court report for case " + CASE);
                content.endText();
            }
            document.save(pdf);
        }
        Classification result = classify(withParts("report", text("attached"),
            attachment(pdf.toByteArray(), "application/octet-stream", "report.bin")));
        assertThat(result.caseNumbers()).containsExactly(CASE);
    }

    @Test
    void docxAttachmentIsRead() throws Exception {
        // Built as a zip by hand: POI's writer needs a newer commons-io than James's BOM pins (reading works).
        byte[] docx = zip(
            "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
            "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
            "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>Home visit notes, case " + CASE + "</w:t></w:r></w:p></w:body></w:document>");
        Classification result = classify(withParts("notes", attachment(docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "notes.docx")));
        assertThat(result.caseNumbers()).containsExactly(CASE);
    }

    private static byte[] zip(String... namesAndContents) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void odtAttachmentIsRead() throws Exception {
        ByteArrayOutputStream odt = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(odt)) {
            ZipEntry mimetype = new ZipEntry("mimetype");
            zip.putNextEntry(mimetype);
            zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text><text:p>Placement for case " + CASE + "</text:p></office:text></office:body>"
                + "</office:document-content>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Classification result = classify(withParts("odt", attachment(odt.toByteArray(),
            "application/vnd.oasis.opendocument.text", "plan.odt")));
        assertThat(result.caseNumbers()).containsExactly(CASE);
    }

    @Test
    void rtfCsvAndTxtAttachmentsAreRead() throws Exception {
        byte[] rtf = ("{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Case " + CASE + " summary.\\par}")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(classify(withParts("rtf", attachment(rtf, "application/rtf", "s.rtf"))).caseNumbers()).containsExactly(CASE);
        byte[] csv = ("case,client\n" + CASE + ",x\n").getBytes(StandardCharsets.UTF_8);
        assertThat(classify(withParts("csv", attachment(csv, "text/csv", "list.csv"))).caseNumbers()).containsExactly(CASE);
        byte[] txt = ("notes for " + CASE).getBytes(StandardCharsets.UTF_16);
        assertThat(classify(withParts("txt", attachment(txt, "text/plain; charset=UTF-16", "n.txt"))).caseNumbers())
            .containsExactly(CASE);
        byte[] mislabelled = ("notes for " + CASE).getBytes(StandardCharsets.UTF_8);
        assertThat(classify(withParts("bin", attachment(mislabelled, "application/octet-stream", "notes.txt")))
            .caseNumbers()).containsExactly(CASE);
        assertThat(classify(withParts("rtf", attachment(rtf, "text/rtf", "s.rtf"))).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void explicitMarksInSubjectAndHeader() throws Exception {
        DefaultMessageClassifier classifier = classifier();
        for (String subject : new String[] {"[case 12345] visit", "Re: [SECURE] hi", "[Confidential] notes", "[ case   x ]"}) {
            Classification result = classifier.classify(parse("Subject: " + subject + "\n\nhello\n"));
            assertThat(result.explicitMark()).as(subject).isTrue();
            assertThat(hit(result, "explicit-mark")).isPresent();
            assertThat(result.sensitivity()).isEqualTo(Sensitivity.CASE);
        }
        assertThat(classifier.classify(parse("Subject: secure line\n\nhello\n")).explicitMark()).isFalse();
        assertThat(classifier.classify(parse("Subject: hi\nX-Caseguard-Mark: yes\n\nhello\n")).explicitMark()).isTrue();
        assertThat(classifier.classify(parse("Subject: hi\nX-Caseguard-Mark: None\n\nhello\n")).explicitMark()).isFalse();
        assertThat(classifier.stripExplicitMarks("Re: [case 12345] visit [SECURE]")).isEqualTo("Re: visit");
        assertThat(ExplicitMarks.stripExplicitMarks("[sec] x", ClassifierConfig.builder()
            .markTokens(java.util.List.of("[sec]")).build())).isEqualTo("x");
    }

    @Test
    void plainMessageWithoutAnythingIsNone() throws Exception {
        Classification result = classifier().classify(parse("Subject: lunch\n\nPizza on Friday?\n"));
        assertThat(result).isEqualTo(Classification.none());
    }
}
