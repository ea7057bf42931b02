package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
 * CN-1 with ENC-1 through the real server: with an escrow certificate configured and the client's certificate
 * imported over WebAdmin, an eligible reminder leaves S/MIME-encrypted, openable by the client's key and by the
 * agency's escrow key only; a client with no certificate is refused under ENC-2 with the reason.
 */
class ConsentEncryptionEndToEndTest {
    static final String DANA = "dana.okafor@mail.test";
    static final String LEE = "lee.park@mail.test";
    static final String BODY = "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00 at the clinic. Please arrive ten minutes early.";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path keys;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static Party escrow;
    static Party dana;

    record Party(KeyPair keys, X509Certificate certificate) {
        String pem() throws Exception {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        }
    }

    static Party party(String email) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(365, ChronoUnit.DAYS)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        return new Party(pair, new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))));
    }

    @BeforeAll
    static void start() throws Exception {
        escrow = party("escrow@agency.example");
        dana = party(DANA);
        Path escrowFile = keys.resolve("escrow.pem");
        Files.writeString(escrowFile, escrow.pem());
        // The agency's own key for inbound S/MIME (ENC-4): here the escrow key, in a PKCS#12 with its password in a file.
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("agency", escrow.keys().getPrivate(), "p12-pass".toCharArray(), new java.security.cert.Certificate[] {escrow.certificate()});
        Path keystore = keys.resolve("agency.p12");
        try (java.io.OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "p12-pass".toCharArray());
        }
        Path passwordFile = keys.resolve("p12-password");
        Files.writeString(passwordFile, "p12-pass\n");
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT, xml -> xml.replace(
            "<!-- <escrowCertificate>file://conf/smime/escrow.pem</escrowCertificate> -->",
            "<escrowCertificate>" + escrowFile + "</escrowCertificate>").replaceAll(
            "<!-- <keystore>file://conf/smime/agency.p12</keystore>\\s*<keystorePasswordEnv>CASEGUARD_SMIME_PASSWORD</keystorePasswordEnv> -->",
            "<keystore>" + keystore + "</keystore><keystorePasswordFile>" + passwordFile + "</keystorePasswordFile>"));
        outcomes = new Outcomes(fixture);
        ConsentOutboundEndToEndTest.fixture = fixture;
        ConsentOutboundEndToEndTest.client("C-3001", "Dana", "Okafor", "1988-04-12", "2025-MH-00301");
        ConsentOutboundEndToEndTest.client("C-3002", "Lee", "Park", "1979-09-30", "2025-MH-00302");
        ConsentOutboundEndToEndTest.consent("C-3001", ConsentRecords.eligible("C-3001", DANA).json());
        ConsentOutboundEndToEndTest.consent("C-3002", ConsentRecords.eligible("C-3002", LEE).json());

        String fingerprint = fixture.as("admin").contentType("application/x-pem-file").body(dana.pem().getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(200).extract().jsonPath().getString("fingerprints[0]");
        // Self-signed in this test: an admin who checked it with the client pins it.
        fixture.as("admin").put("/caseguard/certificates/" + fingerprint + "/pin").then().statusCode(204);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void enc1TheEligibleClientGetsTheReminderEncryptedForTheirKeyAndTheAgencyEscrowOnly() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, DANA, "Your appointment [purpose: appointment-reminder]", BODY, messageId), DANA);

        OutsideWorld.Received received = outcomes.assertDeliveredOutside(DANA, messageId);
        assertThat(received.raw()).contains("application/pkcs7-mime").doesNotContain("Tuesday").doesNotContain("[purpose");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(received.raw().getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(new SmimeDecryptor(dana.keys().getPrivate(), dana.certificate()).decrypt(message).orElseThrow().getContent().toString())
            .contains("Tuesday at 10:00");
        assertThat(new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(message)).isPresent();
        Party stranger = party("someone@else.test");
        assertThat(new SmimeDecryptor(stranger.keys().getPrivate(), stranger.certificate()).decrypt(message)).isEmpty();
    }

    @Test
    void enc2AnEligibleClientWithoutACertificateIsRefusedWithTheReasonNeverSentInClear() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, LEE, "Your appointment [purpose: appointment-reminder]",
            BODY.replace("Dana", "Lee"), messageId), LEE);
        assertThat(outcomes.assertRefused(ALICE, messageId, LEE, "ENC-2")).contains("no certificate is stored");
    }

    @Test
    void certificateRoutesRejectWhatIsNotACertificateAndAnyoneWithoutAToken() throws Exception {
        fixture.as("admin").contentType("application/x-pem-file").body("hello".getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(400);
        fixture.unauthenticated().contentType("application/x-pem-file").body(dana.pem().getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(401);
        fixture.as("admin").put("/caseguard/certificates/00FF/pin").then().statusCode(404);
        fixture.admin().queryParam("address", DANA).get("/caseguard/certificates/resolve").then().statusCode(200)
            .body("usable", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void enc4EncryptedMailFromAClientIsOpenedBeforeItIsScannedSoItsPrivacyRequestIsRecognised() throws Exception {
        MimeMessage plain = new MimeMessage(Session.getInstance(new Properties()));
        plain.setFrom(DANA);
        plain.setRecipients(javax.mail.Message.RecipientType.TO, ALICE);
        plain.setSubject("request");
        plain.setText("Hello, I would like to get a copy of my medical records please.", "UTF-8");
        String messageId = Messages.uniqueId();
        plain.setHeader("Message-ID", messageId);
        MimeMessage encrypted = new org.caseguard.core.crypto.smime.SmimeEncryptor(
            org.caseguard.core.crypto.smime.SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256).encrypt(plain, escrow.certificate(), dana.certificate());
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        encrypted.writeTo(raw);
        fixture.mail.sendFromOutside(DANA, raw.toString(StandardCharsets.ISO_8859_1), ALICE);

        String delivered = outcomes.assertDeliveredInside(ALICE, messageId);
        assertThat(delivered).contains("X-Caseguard-Smime: decrypted").contains("copy of my medical records")
            .contains("X-Caseguard-Privacy-Request: yes");
    }
}
