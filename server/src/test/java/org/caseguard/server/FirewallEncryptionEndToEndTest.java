package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.crypto.TestPki;
import org.caseguard.core.crypto.TestPki.Issued;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.OutsideWorld;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewall profile's FW-3 allow-list with ENC-1/ENC-2 through the real server: an entry marked encrypted-only lets
 * case mail reach that outside recipient only S/MIME-encrypted to its certificate and the agency's escrow, and refuses it
 * under ENC-2 when no usable certificate exists; an ordinary entry still gets the mail as written; an unlisted outside
 * recipient is still refused under FW-2.
 */
class FirewallEncryptionEndToEndTest {
    private static final String CLERK = "clerk@court.test";
    private static final String NO_CERTIFICATE = "records@court.test";
    private static final String OMBUDSMAN = "ombudsman@ombuds.test";
    private static final String BODY = "Hearing bundle for case " + CASE_NUMBER + ": the home visit report is attached below.";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path keys;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static Issued escrow;
    static Issued clerk;
    static Issued court;
    static List<Issued> panel = new java.util.ArrayList<>();
    private static final List<String> PANEL = List.of("judge.a@court.test", "judge.b@court.test", "judge.c@court.test");

    @BeforeAll
    static void start() throws Exception {
        Issued courtCa = TestPki.authority("Court Issuing CA", null);
        court = courtCa;
        escrow = TestPki.leaf("escrow@agency.example", courtCa).issue();
        clerk = TestPki.leaf(CLERK, courtCa).issue();
        Path escrowFile = keys.resolve("escrow.pem");
        Files.writeString(escrowFile, pem(escrow.certificate().getEncoded()));
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.FIREWALL, xml -> xml.replace(
            "<!-- <escrowCertificate>file://conf/smime/escrow.pem</escrowCertificate> -->",
            "<escrowCertificate>" + escrowFile + "</escrowCertificate>")
            .replace("<harvestCertificates>false</harvestCertificates>", "<harvestCertificates>true</harvestCertificates>"));
        outcomes = new Outcomes(fixture);

        importCertificate("anchor", courtCa);
        importCertificate("recipient", clerk);
        fixture.as("privacy.officer").body("{\"reason\":\"court clerk, S/MIME only\",\"encryptedOnly\":true}")
            .put("/caseguard/allow-list/" + CLERK).then().statusCode(204);
        fixture.as("privacy.officer").body("{\"reason\":\"court records office, S/MIME only\",\"encryptedOnly\":true}")
            .put("/caseguard/allow-list/" + NO_CERTIFICATE).then().statusCode(204);
        fixture.as("privacy.officer").body("{\"reason\":\"state ombudsman\"}").put("/caseguard/allow-list/" + OMBUDSMAN).then().statusCode(204);
        for (String judge : PANEL) {
            Issued issued = TestPki.leaf(judge, courtCa).issue();
            panel.add(issued);
            importCertificate("recipient", issued);
            fixture.as("privacy.officer").body("{\"reason\":\"review panel\",\"encryptedOnly\":true}").put("/caseguard/allow-list/" + judge)
                .then().statusCode(204);
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void importCertificate(String role, Issued issued) throws Exception {
        fixture.as("pki.admin").queryParam("role", role).contentType("application/x-pem-file")
            .body(pem(issued.certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(200);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void fw3EncryptedOnlyRecipientGetsItsOwnEncryptedCopyWhileAnOrdinaryEntryGetsTheMailAsWritten() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, CLERK + ", " + OMBUDSMAN, "Hearing bundle", BODY, messageId), CLERK, OMBUDSMAN);

        OutsideWorld.Received toClerk = outcomes.assertDeliveredOutside(CLERK, messageId);
        assertThat(toClerk.raw()).contains("application/pkcs7-mime").doesNotContain(CASE_NUMBER);
        MimeMessage encrypted = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(toClerk.raw().getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(new SmimeDecryptor(clerk.keys().getPrivate(), clerk.certificate()).decrypt(encrypted).orElseThrow().getContent().toString())
            .contains(CASE_NUMBER);
        assertThat(new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(encrypted)).isPresent();

        OutsideWorld.Received toOmbudsman = outcomes.assertDeliveredOutside(OMBUDSMAN, messageId);
        assertThat(toOmbudsman.raw()).contains(CASE_NUMBER).doesNotContain("pkcs7");
        assertThat(fixture.outside.receivedBy(CLERK)).allSatisfy(mail -> assertThat(mail.raw()).doesNotContain(CASE_NUMBER));
    }

    @Test
    void enc1FanOutThreeRecipientsWithCertificatesGetACopyEachOnlyTheirOwnKeyOpensAndTheFourthIsRefused() throws Exception {
        String messageId = Messages.uniqueId();
        List<String> recipients = new java.util.ArrayList<>(PANEL);
        recipients.add(NO_CERTIFICATE);
        fixture.mail.send(ALICE, Messages.plain(ALICE, String.join(", ", recipients), "Review panel", BODY, messageId),
            recipients.toArray(String[]::new));

        for (int i = 0; i < PANEL.size(); i++) {
            OutsideWorld.Received copy = outcomes.assertDeliveredOutside(PANEL.get(i), messageId);
            assertThat(fixture.outside.receivedBy(PANEL.get(i)).stream().filter(mail -> mail.raw().contains(messageId))).hasSize(1);
            MimeMessage encrypted = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(copy.raw().getBytes(StandardCharsets.ISO_8859_1)));
            for (int j = 0; j < panel.size(); j++) {
                Issued judge = panel.get(j);
                assertThat(new SmimeDecryptor(judge.keys().getPrivate(), judge.certificate()).decrypt(encrypted).isPresent())
                    .as("copy for %s opened with the key of %s", PANEL.get(i), PANEL.get(j)).isEqualTo(i == j);
            }
            assertThat(new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(encrypted)).isPresent();
        }
        // The other recipients' copies went out: only this recipient is refused, in one ENC-2 notice.
        String notice = outcomes.awaitNotice(ALICE, messageId, "refused");
        assertThat(notice).contains("rules=ENC-2").containsIgnoringCase("Final-Recipient: rfc822; " + NO_CERTIFICATE);
        assertThat(outcomes.noticesAbout(ALICE, messageId, "refused")).hasSize(1);
        assertThat(Outcomes.readableText(notice)).contains("no certificate is stored");
        assertThat(fixture.outside.receivedBy(NO_CERTIFICATE)).isEmpty();
    }

    @Test
    void enc2AnEncryptedOnlyRecipientWithoutACertificateIsRefusedNeverSentInClear() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, NO_CERTIFICATE, "Hearing bundle", BODY, messageId), NO_CERTIFICATE);

        String notice = Outcomes.readableText(outcomes.assertRefused(ALICE, messageId, NO_CERTIFICATE, "ENC-2"));
        assertThat(notice).contains("no certificate is stored");
    }

    @Test
    void fw2AnUnlistedOutsideRecipientIsStillRefused() {
        String messageId = Messages.uniqueId();
        try {
            fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", "Hearing bundle", BODY, messageId), "friend@gmail.test");
        } catch (javax.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        outcomes.assertRefused(ALICE, messageId, "friend@gmail.test", "FW-2");
    }

    @Test
    void theAllowListShowsTheFlagAndRefusesAnythingButTrueOrFalse() {
        List<Map<String, Object>> entries = fixture.admin().get("/caseguard/allow-list").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("address", CLERK).containsEntry("encryptedOnly", true))
            .anySatisfy(entry -> assertThat(entry).containsEntry("address", OMBUDSMAN).containsEntry("encryptedOnly", false));
        fixture.as("privacy.officer").body("{\"reason\":\"x\",\"encryptedOnly\":\"yes\"}").put("/caseguard/allow-list/someone@court.test")
            .then().statusCode(400).body("message", containsString("encryptedOnly"));
    }

    /** Mail from an outside party, signed (detached) by the real {@code openssl cms -sign} with that party's key. */
    private static String signedByOpenssl(Issued signer, String from, String body) throws Exception {
        org.caseguard.core.crypto.smime.Openssl.require();
        Path plain = keys.resolve("inbound-plain.eml");
        Files.writeString(plain, "Content-Type: text/plain; charset=US-ASCII\r\n\r\n" + body + "\r\n");
        Path certificate = keys.resolve("signer.pem");
        Files.writeString(certificate, pem(signer.certificate().getEncoded()));
        Path key = keys.resolve("signer.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(signer.keys().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path signed = keys.resolve("inbound-signed.eml");
        org.caseguard.core.crypto.smime.Openssl.Result result = org.caseguard.core.crypto.smime.Openssl.run("cms", "-sign",
            "-in", plain.toString(), "-signer", certificate.toString(), "-inkey", key.toString(), "-out", signed.toString(),
            "-from", from, "-to", ALICE, "-subject", "Hearing date");
        assertThat(result.exit()).as(result.output()).isZero();
        return "Message-ID: " + Messages.uniqueId() + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + Files.readString(signed, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
    }

    @Test
    void enc4InboundSignedMailShowsWhetherTheSignerIsTrustedAndATrustedSignersCertificateIsHarvested() throws Exception {
        Issued judge = TestPki.leaf("judge.d@court.test", TestPki.authority("Court Issuing CA", null)).issue();
        Issued registrar = TestPki.leaf("registrar@court.test", court).issue();
        String untrusted = signedByOpenssl(judge, "judge.d@court.test", "The hearing moves to the 14th.");
        String trusted = signedByOpenssl(registrar, "registrar@court.test", "The hearing moves to the 15th.");

        fixture.mail.sendFromOutside("judge.d@court.test", untrusted, ALICE);
        fixture.mail.sendFromOutside("registrar@court.test", trusted, ALICE);

        String untrustedId = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(untrusted.getBytes(StandardCharsets.ISO_8859_1))).getMessageID();
        String trustedId = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(trusted.getBytes(StandardCharsets.ISO_8859_1))).getMessageID();
        assertThat(outcomes.assertDeliveredInside(ALICE, untrustedId)).contains("X-Caseguard-Smime: signature=valid; signer=untrusted");
        assertThat(outcomes.assertDeliveredInside(ALICE, trustedId)).contains("X-Caseguard-Smime: signature=valid; signer=trusted");

        fixture.as("pki.admin").queryParam("address", "registrar@court.test").get("/caseguard/certificates/resolve").then().statusCode(200)
            .body("usable", org.hamcrest.Matchers.notNullValue());
        fixture.as("pki.admin").queryParam("address", "judge.d@court.test").get("/caseguard/certificates/resolve").then().statusCode(200)
            .body("usable", org.hamcrest.Matchers.nullValue());
    }
}
