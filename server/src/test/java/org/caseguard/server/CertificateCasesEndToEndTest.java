package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.caseguard.core.crypto.TestPki;
import org.caseguard.core.crypto.TestPki.Issued;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.server.support.ConsentRecords;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.OutsideWorld;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-1/ENC-2 certificate cases through the real server, as an admin sets them up: the clients' certificate authority
 * (root as anchor, issuing CA as intermediate) and each client's certificate imported over WebAdmin, a CRL posted, and
 * an eligible reminder sent to each client. Every flawed certificate is refused with the reason in the sender's ENC-2
 * notice and nothing reaches the client; of two valid certificates the newest is used.
 */
class CertificateCasesEndToEndTest {
    private static final String BODY = "Hello, this is a reminder of your appointment on Tuesday at 10:00 at the clinic.";
    private static final String EXPIRED = "ada.expired@mail.test";
    private static final String NOT_YET_VALID = "ben.future@mail.test";
    private static final String WRONG_KEY_USAGE = "cyd.signonly@mail.test";
    private static final String OTHER_ADDRESS = "dee.other@mail.test";
    private static final String UNTRUSTED = "eli.rogue@mail.test";
    private static final String REVOKED = "fay.revoked@mail.test";
    private static final String TWO_VALID = "gus.two@mail.test";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path keys;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static Issued escrow;
    static Issued older;
    static Issued newer;

    @BeforeAll
    static void start() throws Exception {
        Issued root = TestPki.authority("Client Root CA", null);
        Issued issuing = TestPki.authority("Client Issuing CA", root);
        Issued rogueCa = TestPki.authority("Unknown CA", null);
        escrow = TestPki.leaf("escrow@agency.example", root).issue();
        Path escrowFile = keys.resolve("escrow.pem");
        Files.writeString(escrowFile, pem("CERTIFICATE", escrow.certificate().getEncoded()));

        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT, xml -> xml.replace(
            "<!-- <escrowCertificate>file://conf/smime/escrow.pem</escrowCertificate> -->",
            "<escrowCertificate>" + escrowFile + "</escrowCertificate>"));
        outcomes = new Outcomes(fixture);
        ConsentOutboundEndToEndTest.fixture = fixture;
        int id = 4001;
        for (String address : new String[] {EXPIRED, NOT_YET_VALID, WRONG_KEY_USAGE, OTHER_ADDRESS, UNTRUSTED, REVOKED, TWO_VALID}) {
            String clientId = "C-" + id;
            ConsentOutboundEndToEndTest.client(clientId, "Given" + (char) ('A' + id - 4001), "Testclient", "1980-01-0" + (1 + id - 4001),
                "2025-MH-0" + id);
            ConsentOutboundEndToEndTest.consent(clientId, ConsentRecords.eligible(clientId, address).json());
            id++;
        }

        importCertificate("anchor", root.certificate());
        importCertificate("intermediate", issuing.certificate());
        importCertificate("recipient", TestPki.leaf(EXPIRED, issuing)
            .valid(TestPki.NOW.minus(400, ChronoUnit.DAYS), TestPki.NOW.minus(1, ChronoUnit.DAYS)).issue().certificate());
        importCertificate("recipient", TestPki.leaf(NOT_YET_VALID, issuing)
            .valid(TestPki.NOW.plus(10, ChronoUnit.DAYS), TestPki.NOW.plus(400, ChronoUnit.DAYS)).issue().certificate());
        importCertificate("recipient", TestPki.leaf(WRONG_KEY_USAGE, issuing).keyUsage(KeyUsage.digitalSignature).issue().certificate());
        importCertificate("recipient", TestPki.leaf(OTHER_ADDRESS, issuing).sanEmail("dee.work@job.test").issue().certificate());
        importCertificate("recipient", TestPki.leaf(UNTRUSTED, rogueCa).issue().certificate());
        Issued revoked = TestPki.leaf(REVOKED, issuing).issue();
        importCertificate("recipient", revoked.certificate());
        older = TestPki.leaf(TWO_VALID, issuing)
            .valid(TestPki.NOW.minus(200, ChronoUnit.DAYS), TestPki.NOW.plus(165, ChronoUnit.DAYS)).issue();
        newer = TestPki.leaf(TWO_VALID, issuing)
            .valid(TestPki.NOW.minus(5, ChronoUnit.DAYS), TestPki.NOW.plus(360, ChronoUnit.DAYS)).issue();
        importCertificate("recipient", older.certificate());
        importCertificate("recipient", newer.certificate());

        X509CRL crl = TestPki.crl(issuing, TestPki.NOW.plus(7, ChronoUnit.DAYS), revoked.certificate());
        fixture.as("pki.admin").contentType("application/pkix-crl").body(crl.getEncoded()).post("/caseguard/crls").then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void importCertificate(String role, X509Certificate certificate) throws Exception {
        fixture.as("pki.admin").queryParam("role", role).contentType("application/x-pem-file")
            .body(pem("CERTIFICATE", certificate.getEncoded()).getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(200);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    private static String remind(String address) throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, address, "Your appointment [purpose: appointment-reminder]", BODY, messageId), address);
        return messageId;
    }

    private static String refusalOf(String address) throws Exception {
        return Outcomes.readableText(outcomes.assertRefused(ALICE, remind(address), address, "ENC-2"));
    }

    @Test
    void enc2AnExpiredCertificateIsRefusedSayingWhen() throws Exception {
        assertThat(refusalOf(EXPIRED)).contains("expired on").contains("import the recipient's new certificate");
    }

    @Test
    void enc2ACertificateNotYetValidIsRefused() throws Exception {
        assertThat(refusalOf(NOT_YET_VALID)).contains("not valid before");
    }

    @Test
    void enc2ACertificateWhoseKeyUsageDoesNotAllowEncryptionIsRefused() throws Exception {
        assertThat(refusalOf(WRONG_KEY_USAGE)).contains("key usage does not allow key encipherment");
    }

    @Test
    void enc2ACertificateForAnotherAddressIsNotUsedForTheConsentedOne() throws Exception {
        assertThat(refusalOf(OTHER_ADDRESS)).contains("no certificate is stored for this recipient");
    }

    @Test
    void enc2ACertificateFromAnUntrustedAuthorityIsRefusedNamingTheIssuer() throws Exception {
        assertThat(refusalOf(UNTRUSTED)).contains("does not chain to a trusted authority").contains("CN=Unknown CA");
    }

    @Test
    void enc2ACertificateRevokedByItsIssuersCrlIsRefused() throws Exception {
        assertThat(refusalOf(REVOKED)).contains("revoked on").contains("CRL");
    }

    @Test
    void enc1OfTwoValidCertificatesTheNewestIsUsedAndOnlyItsKeyAndTheEscrowOpenTheCopy() throws Exception {
        String messageId = remind(TWO_VALID);

        OutsideWorld.Received received = outcomes.assertDeliveredOutside(TWO_VALID, messageId);
        assertThat(received.raw()).contains("application/pkcs7-mime").doesNotContain("Tuesday");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(received.raw().getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(new SmimeDecryptor(newer.keys().getPrivate(), newer.certificate()).decrypt(message).orElseThrow().getContent().toString())
            .contains("Tuesday at 10:00");
        assertThat(new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(message)).isPresent();
        assertThat(new SmimeDecryptor(older.keys().getPrivate(), older.certificate()).decrypt(message)).isEmpty();
    }
}
