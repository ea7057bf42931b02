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
import java.security.spec.ECGenParameterSpec;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caseguard.core.crypto.smime.Openssl;
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
 * ENC-1 / ENC-4 options through the real server, consent profile: EC keys everywhere (the client's certificate
 * imported over WebAdmin, the agency's escrow and inbound key), {@code contentEncryption=aes-256-gcm} and
 * {@code protectHeaders=true}. The reminder leaves as AuthEnvelopedData with a neutral Subject, and openssl opens it
 * with the client's key and shows the real Subject inside; mail openssl encrypts to the agency's EC certificate with
 * AES-GCM is delivered inside opened.
 */
class ConsentEncryptionAlgorithmsEndToEndTest {
    static final String DANA = "dana.okafor@mail.test";
    static final String BODY = "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00 at the clinic.";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path keys;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static Party agency;
    static Party dana;

    record Party(KeyPair keys, X509Certificate certificate) {
        Path writeCertificate(Path file) throws Exception {
            Files.writeString(file, pem(certificate));
            return file;
        }

        Path writeKey(Path file) throws Exception {
            Files.writeString(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            return file;
        }

        private static String pem(Object object) throws Exception {
            java.io.StringWriter out = new java.io.StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        }
    }

    static Party ec(String email) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(365, ChronoUnit.DAYS)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        return new Party(pair, new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))));
    }

    @BeforeAll
    static void start() throws Exception {
        Openssl.require();
        agency = ec("intake@agency.example");
        dana = ec(DANA);
        Path escrowFile = agency.writeCertificate(keys.resolve("escrow.pem"));
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("agency", agency.keys().getPrivate(), "p12-pass".toCharArray(), new java.security.cert.Certificate[] {agency.certificate()});
        Path keystore = keys.resolve("agency.p12");
        try (java.io.OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "p12-pass".toCharArray());
        }
        Path passwordFile = keys.resolve("p12-password");
        Files.writeString(passwordFile, "p12-pass\n");
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT, xml -> xml.replace(
            "<!-- <escrowCertificate>file://conf/smime/escrow.pem</escrowCertificate> -->",
            "<escrowCertificate>" + escrowFile + "</escrowCertificate><contentEncryption>aes-256-gcm</contentEncryption>"
                + "<protectHeaders>true</protectHeaders><outerSubject>Message from your agency</outerSubject>").replaceAll(
            "<!-- <keystore>file://conf/smime/agency.p12</keystore>\\s*<keystorePasswordEnv>CASEGUARD_SMIME_PASSWORD</keystorePasswordEnv> -->",
            "<keystore>" + keystore + "</keystore><keystorePasswordFile>" + passwordFile + "</keystorePasswordFile>"));
        outcomes = new Outcomes(fixture);
        ConsentOutboundEndToEndTest.fixture = fixture;
        ConsentOutboundEndToEndTest.client("C-3101", "Dana", "Okafor", "1988-04-12", "2025-MH-00311");
        ConsentOutboundEndToEndTest.consent("C-3101", ConsentRecords.eligible("C-3101", DANA).json());

        String fingerprint = fixture.as("admin").contentType("application/x-pem-file")
            .body(Files.readAllBytes(dana.writeCertificate(keys.resolve("dana.pem"))))
            .post("/caseguard/certificates").then().statusCode(200).extract().jsonPath().getString("fingerprints[0]");
        fixture.as("admin").put("/caseguard/certificates/" + fingerprint + "/pin").then().statusCode(204);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void enc1TheReminderLeavesAsGcmWithANeutralSubjectAndOpensslShowsTheRealOneWithTheClientsEcKey() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, DANA, "Your appointment [purpose: appointment-reminder]", BODY, messageId), DANA);

        OutsideWorld.Received received = outcomes.assertDeliveredOutside(DANA, messageId);
        assertThat(received.raw()).contains("smime-type=authEnveloped-data").contains("Subject: Message from your agency")
            .doesNotContain("Your appointment").doesNotContain("Tuesday");
        Path mail = keys.resolve("received.eml");
        Files.writeString(mail, received.raw(), StandardCharsets.ISO_8859_1);
        Openssl.Result opened = Openssl.run("cms", "-decrypt", "-in", mail.toString(),
            "-recip", dana.writeCertificate(keys.resolve("dana-cert.pem")).toString(), "-inkey", dana.writeKey(keys.resolve("dana.key")).toString());
        assertThat(opened.exit()).as(opened.output()).isZero();
        assertThat(opened.output()).contains("Subject: Your appointment").contains("Tuesday at 10:00");

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(received.raw().getBytes(StandardCharsets.ISO_8859_1)));
        MimeMessage byEscrow = new SmimeDecryptor(agency.keys().getPrivate(), agency.certificate()).decrypt(message).orElseThrow();
        assertThat(byEscrow.getSubject()).startsWith("Your appointment");
    }

    @Test
    void enc4MailOpensslEncryptedWithGcmToTheAgencyEcKeyIsDeliveredOpened() throws Exception {
        String messageId = Messages.uniqueId();
        Path plain = keys.resolve("inbound-plain.eml");
        Files.writeString(plain, "Message-ID: " + messageId + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Hello, I would like to move my appointment to Thursday.\r\n", StandardCharsets.US_ASCII);
        Path encrypted = keys.resolve("inbound.eml");
        Openssl.Result result = Openssl.run("cms", "-encrypt", "-aes-256-gcm", "-in", plain.toString(), "-out", encrypted.toString(),
            "-from", DANA, "-to", ALICE, "-subject", "Appointment",
            "-recip", agency.writeCertificate(keys.resolve("agency-cert.pem")).toString());
        assertThat(result.exit()).as(result.output()).isZero();
        String raw = "Message-ID: " + messageId + "\r\n" + Files.readString(encrypted, StandardCharsets.ISO_8859_1).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
        fixture.mail.sendFromOutside(DANA, raw, ALICE);

        String delivered = outcomes.assertDeliveredInside(ALICE, messageId);
        assertThat(delivered).contains("X-Caseguard-Smime: decrypted").contains("move my appointment to Thursday");
    }
}
