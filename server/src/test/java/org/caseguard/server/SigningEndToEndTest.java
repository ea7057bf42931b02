package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

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
 * ENC-3 through the real server (consent profile, as shipped plus a signing keystore and domains=agency.example):
 * what an outside recipient receives carries the agency's ECDSA signature and the real {@code openssl cms -verify}
 * accepts it, 8-bit text included; an internal colleague's copy is not signed; a client who may only get mail
 * encrypted receives it signed then encrypted: openssl opens it with the client's key and verifies the signature.
 */
class SigningEndToEndTest {
    static final String PARTNER = "reyes@county.test";
    static final String DANA = "dana.okafor@mail.test";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path keys;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static Party agency;
    static Party dana;
    static Path agencyPem;

    record Party(KeyPair keys, X509Certificate certificate) {
        String pem(Object object) throws Exception {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        }

        Path certificateFile(Path file) throws Exception {
            Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
            return file;
        }

        Path keyFile(Path file) throws Exception {
            Files.writeString(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null)), StandardCharsets.US_ASCII);
            return file;
        }
    }

    static Party party(String email, String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(365, ChronoUnit.DAYS)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
            | (algorithm.equals("EC") ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        return new Party(pair, new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(pair.getPrivate()))));
    }

    static String openssl(String... arguments) throws Exception {
        Openssl.Result result = Openssl.run(arguments);
        assertThat(result.exit()).as("openssl %s: %s", String.join(" ", arguments), result.output()).isZero();
        return result.output();
    }

    @BeforeAll
    static void start() throws Exception {
        Openssl.require();

        agency = party("agency.example@agency.example", "EC");
        dana = party(DANA, "RSA");
        Party escrow = party("escrow@agency.example", "RSA");
        agencyPem = agency.certificateFile(keys.resolve("agency.pem"));
        KeyStore store = KeyStore.getInstance("PKCS12", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        store.load(null, null);
        store.setKeyEntry("signing", agency.keys().getPrivate(), "sign-pass".toCharArray(), new Certificate[] {agency.certificate()});
        Path keystore = keys.resolve("signing.p12");
        try (java.io.OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "sign-pass".toCharArray());
        }
        Path passwordFile = keys.resolve("signing-password");
        Files.writeString(passwordFile, "sign-pass\n");
        Path escrowFile = escrow.certificateFile(keys.resolve("escrow.pem"));

        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT, xml -> xml
            .replace("<!-- <escrowCertificate>file://conf/smime/escrow.pem</escrowCertificate> -->",
                "<escrowCertificate>" + escrowFile + "</escrowCertificate>")
            .replaceAll("<!-- <keystore>file://conf/smime/signing.p12</keystore>\\s*<keystorePasswordEnv>CASEGUARD_SIGNING_PASSWORD</keystorePasswordEnv> -->",
                "<keystore>" + keystore + "</keystore><keystorePasswordFile>" + passwordFile + "</keystorePasswordFile>")
            .replace("<domains></domains>", "<domains>agency.example</domains>"));
        outcomes = new Outcomes(fixture);
        ConsentOutboundEndToEndTest.fixture = fixture;
        ConsentOutboundEndToEndTest.client("C-4001", "Dana", "Okafor", "1988-04-12", "2025-MH-00401");
        ConsentOutboundEndToEndTest.consent("C-4001", ConsentRecords.eligible("C-4001", DANA).json());
        String fingerprint = fixture.as("admin").contentType("application/x-pem-file")
            .body(dana.pem(dana.certificate()).getBytes(StandardCharsets.US_ASCII))
            .post("/caseguard/certificates").then().statusCode(200).extract().jsonPath().getString("fingerprints[0]");
        fixture.as("admin").put("/caseguard/certificates/" + fingerprint + "/pin").then().statusCode(204);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Path saved(String name, String raw) throws Exception {
        Path file = keys.resolve(name);
        Files.write(file, raw.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void enc3TheOutsideRecipientGetsMailOpensslVerifiesAndTheColleagueInsideAPlainCopy() throws Exception {
        String messageId = Messages.uniqueId();
        String body = "Señor Reyes, the committee meets on Thursday at 14:00 in the annex; the agenda follows next week.";
        fixture.mail.send(ALICE, Messages.plain(ALICE, PARTNER + ", " + BOB, "Committee meeting", body, messageId), PARTNER, BOB);

        OutsideWorld.Received received = outcomes.assertDeliveredOutside(PARTNER, messageId);
        assertThat(received.raw()).contains("Content-Type: multipart/signed").contains("micalg=sha-256").contains("Subject: Committee meeting");
        Path file = saved("received-signed.eml", received.raw());
        String verified = openssl("cms", "-verify", "-in", file.toString(), "-CAfile", agencyPem.toString());
        assertThat(verified).contains("committee meets on Thursday");
        assertThat(openssl("cms", "-cmsout", "-print", "-in", file.toString())).contains("ecdsa-with-SHA256");

        String inside = outcomes.assertDeliveredInside(BOB, messageId);
        assertThat(inside).doesNotContain("multipart/signed").contains("committee meets on Thursday");
    }

    @Test
    void enc3ThenEnc1TheClientGetsTheReminderSignedThenEncryptedOpensslOpensAndVerifiesIt() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, DANA, "Your appointment [purpose: appointment-reminder]",
            "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00 at the clinic.", messageId), DANA);

        OutsideWorld.Received received = outcomes.assertDeliveredOutside(DANA, messageId);
        assertThat(received.raw()).contains("enveloped-data").doesNotContain("Tuesday");
        Path encrypted = saved("received-encrypted.eml", received.raw());
        Path opened = keys.resolve("opened.eml");
        openssl("cms", "-decrypt", "-in", encrypted.toString(), "-out", opened.toString(),
            "-recip", dana.certificateFile(keys.resolve("dana.pem")).toString(), "-inkey", dana.keyFile(keys.resolve("dana-key.pem")).toString());
        assertThat(Files.readString(opened, StandardCharsets.ISO_8859_1)).startsWith("Content-Type: multipart/signed");
        assertThat(openssl("cms", "-verify", "-in", opened.toString(), "-CAfile", agencyPem.toString()))
            .contains("appointment on Tuesday at 10:00");
    }
}
