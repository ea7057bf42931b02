package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseguard.core.detect.Fixtures.classifier;
import static org.caseguard.core.detect.Fixtures.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/** TAG-1: each place a person can read, and each way of writing a value there, is read (issue 16's classes). */
class ReadablePlacesTest {

    private static final String CASE = "2023-CW-00123";

    private static Classification classify(String raw) throws Exception {
        return classifier().classify(parse(raw));
    }

    private static Classification classify(byte[] raw) throws Exception {
        return classifier().classify(parse(raw));
    }

    private static String withAttachment(String headers, byte[] content) {
        return "Subject: files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
            + "Content-Type: text/plain\n\nsee attached\n--B\n" + headers + "Content-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(content) + "\n--B--\n";
    }

    @Test
    void tag1CustomHeaderFieldsAreRead() throws Exception {
        assertThat(classify("Subject: hi\nX-Case-Reference: " + CASE + "\n\nhello\n").caseNumbers()).containsExactly(CASE);
        assertThat(classify("Subject: hi\nX-Client: =?utf-8?q?Maria_Lopez?=\n\nhello\n").clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1DisplayNamesAndCommentsOfAddressFieldsAreRead() throws Exception {
        assertThat(classify("Subject: hi\nTo: Maria Lopez <friend@gmail.example>\n\nhello\n").clientIds())
            .containsExactly("c-maria");
        assertThat(classify("Subject: hi\nCc: friend@gmail.example (Lopez, Maria)\n\nhello\n").clientIds())
            .containsExactly("c-maria");
        assertThat(classify("Subject: hi\nReply-To: \"=?utf-8?b?" + b64("Maria Lopez") + "?=\" <x@y.example>\n\nhi\n")
            .clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1AddressLocalPartsAndMessageIdentifiersAreReadButNotDomains() throws Exception {
        assertThat(classify("Subject: hi\nTo: maria.lopez@gmail.example\n\nhello\n").clientIds()).containsExactly("c-maria");
        assertThat(classify("Subject: hi\nIn-Reply-To: <2023-CW-00123.x@mail.example>\n\nhello\n").caseNumbers())
            .containsExactly(CASE);
        assertThat(classify("Subject: hi\nTo: desk@maria.lopez.example\nDate: Wed, 5 Mar 2014 10:00:00 +0000\n"
            + "Received: from lopez.example by maria.example\n\nhello\n").sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void tag1ContentDescriptionOfAPartIsRead() throws Exception {
        String raw = "Subject: hi\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n"
            + "Content-Description: notes on " + CASE + "\n\nhello\n--B--\n";
        assertThat(classify(raw).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1FileNamesAreReadAfterRfc2231AndRfc2047Decoding() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};
        String encoded = withAttachment("Content-Type: image/png\nContent-Disposition: attachment;\n"
            + " filename*0*=utf-8''2023-CW-%30;\n filename*1=\"0123.png\"\n", png);
        assertThat(classify(encoded).caseNumbers()).containsExactly(CASE);
        String outlook = withAttachment("Content-Type: image/png; name=\"=?utf-8?q?Maria_Lopez.png?=\"\n", png);
        assertThat(classify(outlook).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1TheLastLineOfALargeTextAttachmentIsRead() throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < 1_100_000) {
            text.append("line of ordinary filler text, nothing to see here\n");
        }
        text.append("Maria Lopez ").append(CASE).append('\n');
        Classification result = classify(withAttachment("Content-Type: text/plain; name=log.txt\n",
            text.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(result.caseNumbers()).containsExactly(CASE);
        assertThat(result.clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1Base64BodyIsReadPastItsFirst8Kilobytes() throws Exception {
        // JavaMail's base64 decoder answers a read of 0 bytes with -1; unbuffered, readAllBytes stopped at 8 KB
        String text = "ordinary words of a long note. ".repeat(1000) + "Maria Lopez " + CASE;
        String raw = "Subject: note\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "\n";
        assertThat(classify(raw).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1TextPartsOverFourMegabytesAreStreamedToTheirLastLineAndLimited() throws Exception {
        String filler = "line of ordinary filler text, nothing to see here\n";
        String text = filler.repeat(4_600_000 / filler.length()) + "Maria Lopez " + CASE + "\n";
        String raw = withAttachment("Content-Type: text/plain; name=big.txt\n", text.getBytes(StandardCharsets.US_ASCII));
        Classification result = classify(raw);
        assertThat(result.caseNumbers()).containsExactly(CASE);
        assertThat(result.clientIds()).containsExactly("c-maria");
        DefaultMessageClassifier limited = Fixtures.classifier(ClassifierConfig.builder().maxAttachmentChars(4_500_000).build());
        assertThatThrownBy(() -> limited.classify(parse(raw))).isInstanceOf(UnclassifiableMessageException.class)
            .hasMessageContaining("maxAttachmentChars=4500000");
    }

    @Test
    void tag1TextLongerThanTheLimitIsUnclassifiableNotTruncated() throws Exception {
        DefaultMessageClassifier small = Fixtures.classifier(ClassifierConfig.builder().maxAttachmentChars(100_000).build());
        String text = "filler words ".repeat(10_000) + CASE;
        assertThatThrownBy(() -> small.classify(parse(withAttachment("Content-Type: text/plain; name=a.txt\n",
            text.getBytes(StandardCharsets.US_ASCII))))).isInstanceOf(UnclassifiableMessageException.class)
            .hasMessageContaining("maxAttachmentChars=100000");
    }

    @Test
    void tag1CssGeneratedContentIsRead() throws Exception {
        String html = "<html><head><style>.r::after { content: \"2023-CW-\\30 0123\"; }</style></head>"
            + "<body><p>See <span class=r></span></p></body></html>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + html).caseNumbers()).containsExactly(CASE);
        String inline = "<p style='--x:1; content: \"Maria \" \"Lopez\"'>hello</p>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + inline).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1HtmlAttributesAndPercentEscapedLinksAreRead() throws Exception {
        String html = "<a href='mailto:x@y.example?subject=Maria%20Lopez'>write</a>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + html).clientIds()).containsExactly("c-maria");
        String aria = "<div aria-label='" + CASE + "'>file</div>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + aria).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1GreekCapitalLookAlikesAreFolded() throws Exception {
        byte[] raw = ("Subject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\u039C\u0391RI\u0391 L\u039FPEZ\r\n")
            .getBytes(StandardCharsets.UTF_8);
        assertThat(classify(raw).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1RightToLeftOverrideIsReadInDisplayOrder() throws Exception {
        String reversed = new StringBuilder(CASE).reverse().toString();
        byte[] raw = ("Subject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nref \u202E" + reversed
            + "\u202C thanks\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(classify(raw).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1FormatFlowedSoftBreaksAreJoined() throws Exception {
        assertThat(classify("Subject: hi\nContent-Type: text/plain; format=flowed; DelSp=yes\n\nThe visit with Maria Lo \n"
            + "pez went well.\n").clientIds()).containsExactly("c-maria");
        assertThat(classify("Subject: hi\nContent-Type: text/plain; format=flowed\n\nThe visit with Maria \n"
            + "Lopez went well.\n").clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1InitialsOrGivenNameWithTheDateOfBirthNameTheClient() throws Exception {
        assertThat(classify("Subject: hi\n\nM.L., DOB 3/5/2014, seen today\n").clientIds()).containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nMaria (born March 5th, 2014) seen today\n").clientIds()).containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nM.L., DOB 3/6/2014, seen today\n").sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void tag1SurnameWithTheDateOfBirthInCommonForms() throws Exception {
        for (String date : new String[] {"03/05/2014", "5/3/2014", "2014-03-05", "March 5, 2014", "5 March 2014",
            "the 5th of March 2014", "Mar. 5th 2014", "05-Mar-2014", "5 de marzo de 2014", "3/5/14", "20140305"}) {
            assertThat(classify("Subject: hi\n\nLopez, born " + date + ", was seen\n").clientIds())
                .as(date).containsExactly("c-maria");
        }
    }

    @Test
    void tag1LastCommaFirstIsTheFullName() throws Exception {
        assertThat(classify("Subject: hi\n\nRe: LOPEZ, Maria\n").clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1CharsetsTheJdkLacksAndUtf16WithoutMarkAreDecoded() throws Exception {
        // UTF-7 (RFC 2152) of "Maria Lopez 2023-CW-00123" with the letters written as base64 runs
        String utf7 = "+AE0-aria +AEw-opez 2023-CW-00123";
        Classification result = classify("Subject: hi\nContent-Type: text/plain; charset=utf-7\n\n" + utf7 + "\n");
        assertThat(result.clientIds()).containsExactly("c-maria");
        byte[] utf16 = ("Maria Lopez, " + CASE).getBytes(StandardCharsets.UTF_16LE);
        result = classify(withAttachment("Content-Type: application/octet-stream; name=notes\n", utf16));
        assertThat(result.caseNumbers()).containsExactly(CASE);
        byte[] koi8 = ("\u041C\u0430\u0440\u0438\u044F " + CASE).getBytes(Charset.forName("KOI8-R"));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write("Subject: hi\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        raw.write(koi8);
        assertThat(classify(raw.toByteArray()).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1UuencodedFileInsideATextBodyIsDecodedAndRead() throws Exception {
        String uu = "begin 644 notes.txt\n" + uuencode(("Maria Lopez " + CASE + "\n").getBytes(StandardCharsets.US_ASCII))
            + "`\nend\n";
        Classification result = classify("Subject: hi\n\nHere it is:\n\n" + uu);
        assertThat(result.caseNumbers()).containsExactly(CASE);
        assertThat(result.clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1ZipEntriesNamesAndNestedArchivesAreRead() throws Exception {
        byte[] inner = zip("deep/" + CASE + ".txt", "nothing here");
        byte[] outer = zip("readme.txt", "see inner", "inner.zip", inner);
        assertThat(classify(withAttachment("Content-Type: application/zip; name=files.zip\n", outer)).caseNumbers())
            .containsExactly(CASE);
        byte[] content = zip("notes.txt", "Visit with Maria Lopez");
        assertThat(classify(withAttachment("Content-Type: application/octet-stream; name=x.bin\n", content)).clientIds())
            .containsExactly("c-maria");
    }

    @Test
    void tag1EncryptedZipEntryIsUnclassifiable() throws Exception {
        byte[] zip = zip("secret.txt", "opaque bytes");
        // set the "encrypted" flag (general purpose bit 0) in the local header and the central directory entry
        for (int i = 0; i + 4 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                zip[i + 6] |= 1;
            } else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1;
            }
        }
        assertThatThrownBy(() -> classify(withAttachment("Content-Type: application/zip; name=s.zip\n", zip)))
            .isInstanceOf(UnclassifiableMessageException.class);
    }

    @Test
    void tag1TextDeclaredAsAPictureIsStillRead() throws Exception {
        assertThat(classify(withAttachment("Content-Type: image/png; name=scan.png\n",
            ("Maria Lopez " + CASE).getBytes(StandardCharsets.US_ASCII))).caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1PgpEncryptedContentIsUnclassifiable() {
        assertThatThrownBy(() -> classify("Subject: hi\n\n-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n"))
            .isInstanceOf(UnclassifiableMessageException.class);
        assertThatThrownBy(() -> classify("Subject: hi\nContent-Type: multipart/encrypted; boundary=B; "
            + "protocol=\"application/pgp-encrypted\"\n\n--B\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--B--\n"))
            .isInstanceOf(UnclassifiableMessageException.class);
    }

    @Test
    void tag1OrdinaryMailWithAttachmentsStaysNone() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Classification result = classify("Subject: Lunch on Friday\nFrom: Bob Jones <bob@agency.example>\n"
            + "To: Team <team@agency.example>\nX-Mailer: Example Mail 2.1\nContent-Type: multipart/mixed; boundary=B\n\n"
            + "--B\nContent-Type: text/plain; format=flowed\n\nPizza at noon, \nsee the menu.\n--B\n"
            + "Content-Type: image/png; name=menu.png\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(png) + "\n--B--\n");
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void tag1JsonValuesAreReadSideBySideWithEscapesDecoded() throws Exception {
        String json = "{\"given\": \"\\u004daria\", \"family\": \"Lopez\", \"case\": {\"no\": \"2023-CW-00123\"}}";
        Classification result = classify(withAttachment("Content-Type: application/json; name=dump.json\n",
            json.getBytes(StandardCharsets.US_ASCII)));
        assertThat(result.clientIds()).containsExactly("c-maria");
        assertThat(result.caseNumbers()).containsExactly(CASE);
    }

    @Test
    void tag1XmlAndSvgTextIsReadThroughAParser() throws Exception {
        String svg = "<svg xmlns='http://www.w3.org/2000/svg'><text><tspan>Ma</tspan><tspan>ria</tspan> "
            + "&#76;opez</text></svg>";
        assertThat(classify(withAttachment("Content-Type: image/svg+xml; name=badge.svg\n",
            svg.getBytes(StandardCharsets.US_ASCII))).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1CalendarAndContactLinesAreUnfoldedAndDecoded() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Visit with Maria Lo\r\n pez\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThat(classify(withAttachment("Content-Type: text/calendar; name=invite.ics\n",
            ics.getBytes(StandardCharsets.US_ASCII))).clientIds()).containsExactly("c-maria");
        String vcard = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=4C=6F=70=65=7A;=4D=61=\r\n=72=69=61\r\n"
            + "FN:Maria Lopez\r\nEND:VCARD\r\n";
        String onlyEncoded = vcard.replace("FN:Maria Lopez\r\n", "");
        assertThat(classify(withAttachment("Content-Type: text/x-vcard; name=c.vcf\n",
            onlyEncoded.getBytes(StandardCharsets.US_ASCII))).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1EnrichedTextCommandsDoNotSplitWords() throws Exception {
        assertThat(classify("Subject: hi\nContent-Type: text/enriched\n\n<bold>Ma</bold>ria <italic>Lopez</italic>\n")
            .clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1HtmlIsAlsoReadAsDisplayed() throws Exception {
        String hiddenJunk = "<p>Ma<span style='display:none'>zzz</span>ria Lo<span style='font-size:0px'>q</span>pez</p>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + hiddenJunk).clientIds()).containsExactly("c-maria");
        String bdo = "<p><bdo dir='rtl'>" + new StringBuilder(CASE).reverse() + "</bdo></p>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + bdo).caseNumbers()).containsExactly(CASE);
        String flex = "<div style='display:flex;flex-direction:row-reverse'><span>pez</span><span>Maria Lo</span></div>";
        assertThat(classify("Subject: hi\nContent-Type: text/html\n\n" + flex).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1ForwardedMessagesInBase64OrInsideArchivesAreWalked() throws Exception {
        String inner = "From: x@y.example\r\nSubject: =?utf-8?q?Maria_Lopez?=\r\n\r\nhello\r\n";
        String base64 = "Subject: fwd\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nfwd\n"
            + "--B\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(inner.getBytes(StandardCharsets.US_ASCII)) + "\n--B--\n";
        assertThat(classify(base64).clientIds()).containsExactly("c-maria");
        byte[] zipped = zip("mail/forwarded.eml", inner);
        assertThat(classify(withAttachment("Content-Type: application/zip; name=m.zip\n", zipped)).clientIds())
            .containsExactly("c-maria");
    }

    @Test
    void tag1EncodedWordsSplitInsideACharacterAreJoined() throws Exception {
        byte[] name = "Jos\u00e9 N\u00fa\u00f1ez".getBytes(StandardCharsets.UTF_8);
        int cut = 4; // inside the two bytes of é
        String first = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(name, 0, cut));
        String second = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(name, cut, name.length));
        assertThat(classify("Subject: =?utf-8?b?" + first + "?= =?utf-8?b?" + second + "?=\n\nhi\n").subjectClientIds())
            .containsExactly("c-jose");
    }

    @Test
    void tag1LatinNameAgainstJapaneseTextIsAWord() throws Exception {
        byte[] raw = ("Subject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\uFF2D\uFF41\uFF52\uFF49\uFF41\u3000"
            + "\uFF2C\uFF4F\uFF50\uFF45\uFF5A\u69D8\u306E\u66F8\u985E\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(classify(raw).clientIds()).containsExactly("c-maria");
    }

    @Test
    void tag1OtherWritingsOfNamesAndNumbers() throws Exception {
        assertThat(classify(("Subject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "\u1D0D\u1D00\u0280\u026A\u1D00 \u029F\u1D0F\u1D18\u1D07\u1D22\r\n").getBytes(StandardCharsets.UTF_8)).clientIds())
            .as("small capitals").containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nM a r i a  L o p e z\n").clientIds()).as("letter spacing").containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nMaria J. Lopez\n").clientIds()).as("middle initial").containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nMCD884120\n").clientIds()).as("identifier run together").containsExactly("c-maria");
        assertThat(classify("Subject: hi\n\nM4r14 L0p3z\n").clientIds()).as("digits for letters").containsExactly("c-maria");
        assertThat(classify(("Subject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nLopez (\u039F5-Mar-2014)\r\n")
            .getBytes(StandardCharsets.UTF_8)).clientIds()).as("look-alike day beside a month").containsExactly("c-maria");
        assertThat(classify("Subject: hi\nContent-Type: text/plain; charset=iso-8859-1\n\nLopez, geb. 5. M\u00e4rz 2014\n")
            .clientIds()).as("German month").containsExactly("c-maria");
        assertThat(classify("Subject: hi\nContent-Type: text/plain; charset=iso-8859-1\n\nLopez, n\u00e9e le 5 mars 2014\n")
            .clientIds()).as("French month").containsExactly("c-maria");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zip(Object... namesAndContents) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                zip.write(content instanceof byte[] b ? b : ((String) content).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** uuencode body lines (without begin/end), as POSIX uuencode writes them. */
    private static String uuencode(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int offset = 0; offset < data.length; offset += 45) {
            int n = Math.min(45, data.length - offset);
            out.append((char) (32 + n));
            for (int i = 0; i < n; i += 3) {
                int b0 = data[offset + i] & 0xFF;
                int b1 = i + 1 < n ? data[offset + i + 1] & 0xFF : 0;
                int b2 = i + 2 < n ? data[offset + i + 2] & 0xFF : 0;
                int[] sextets = {b0 >> 2, (b0 << 4 | b1 >> 4) & 0x3F, (b1 << 2 | b2 >> 6) & 0x3F, b2 & 0x3F};
                for (int s : sextets) {
                    out.append(s == 0 ? '`' : (char) (32 + s));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
