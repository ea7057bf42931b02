package org.caseguard.core.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-3 against the real {@code openssl cms}: detached and opaque signatures, SHA-256/384/512, RSA and ECDSA P-256,
 * 8-bit content made 7-bit before signing, other headers kept outside, and sign-then-encrypt: openssl decrypts with
 * the recipient's key and then verifies the agency's signature inside.
 */
class SmimeSignerTest {
    private static final String BODY = "Hi Dana, your appointment is on Tuesday at 10:00. Bring your letter.";

    @TempDir
    Path directory;

    @BeforeAll
    static void requireOpenssl() {
        Openssl.require();
    }

    private static MimeMessage message(String text, String charset) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("alice@agency.example");
        message.setRecipients(javax.mail.Message.RecipientType.TO, "dana@mail.test");
        message.setSubject("Your appointment");
        message.setHeader("X-Mailer", "agency-mail 2.1");
        message.setText(text, charset);
        message.saveChanges();
        message.setHeader("Message-ID", "<m1@agency.example>");
        return message;
    }

    private Path write(String name, MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        Path file = directory.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private Path write(String name, String text) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    private String verify(Path mail, TestCertificates signer) throws Exception {
        Openssl.Result result = Openssl.run("cms", "-verify", "-in", mail.toString(), "-CAfile", write("ca.pem", signer.certificatePem()).toString());
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    @Test
    void enc3DetachedSignaturesVerifyInOpensslForEveryDigestWithRsaAndEcdsa() throws Exception {
        for (TestCertificates agency : List.of(TestCertificates.rsa("alice@agency.example"), TestCertificates.ec("alice@agency.example"))) {
            for (SmimeSigner.Digest digest : SmimeSigner.Digest.values()) {
                SmimeSigner signer = new SmimeSigner(agency.keys().getPrivate(), agency.certificate(), digest, SmimeSigner.Form.DETACHED);
                MimeMessage signed = signer.sign(message(BODY, "US-ASCII"));
                assertThat(signed.getContentType()).startsWith("multipart/signed").contains("micalg=" + digest.micalg());
                assertThat(signer.algorithm()).isEqualTo(digest.name() + "with" + (agency.keys().getPrivate().getAlgorithm().equals("EC") ? "ECDSA" : "RSA"));
                Path mail = write("signed.eml", signed);
                assertThat(verify(mail, agency)).as(signer.algorithm()).contains(BODY);
                // The digest openssl reports is the one announced in micalg.
                Openssl.Result printed = Openssl.run("cms", "-cmsout", "-print", "-in", mail.toString());
                assertThat(printed.output().toLowerCase()).contains(digest.name().toLowerCase());
            }
        }
    }

    @Test
    void enc3OpaqueSignaturesVerifyInOpensslForRsaAndEcdsa() throws Exception {
        for (TestCertificates agency : List.of(TestCertificates.rsa("alice@agency.example"), TestCertificates.ec("alice@agency.example"))) {
            MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate(), SmimeSigner.Digest.SHA256, SmimeSigner.Form.OPAQUE)
                .sign(message(BODY, "US-ASCII"));
            assertThat(signed.getContentType()).startsWith("application/pkcs7-mime").contains("signed-data");
            Path mail = write("opaque.eml", signed);
            assertThat(Files.readString(mail, StandardCharsets.ISO_8859_1)).doesNotContain("Tuesday");
            assertThat(verify(mail, agency)).contains(BODY);
        }
    }

    @Test
    void enc3EightBitContentIsSignedAsSevenBitSoARelayNeedNotChangeIt() throws Exception {
        TestCertificates agency = TestCertificates.ec("alice@agency.example");
        String text = "Señora Núñez, su cita es el martes a las 10:00. Größe: ü";
        MimeMessage plain = message(text, "UTF-8");
        plain.setHeader("Content-Transfer-Encoding", "8bit");
        plain.saveChanges();
        MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(plain);
        Path mail = write("signed-8bit.eml", signed);
        byte[] raw = Files.readAllBytes(mail);
        for (byte b : raw) {
            assertThat(b).as("every byte of the signed message is 7-bit").isBetween((byte) 1, (byte) 127);
        }
        MimeBodyPart signedPart = (MimeBodyPart) ((MimeMultipart) signed.getContent()).getBodyPart(0);
        assertThat(signedPart.getEncoding()).isEqualTo("quoted-printable");
        assertThat(new String(signedPart.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
        verify(mail, agency);
    }

    @Test
    void enc3AnEightBitAttachmentInsideAMultipartIsReencodedAndTheRestKeptAsIs() throws Exception {
        TestCertificates agency = TestCertificates.rsa("alice@agency.example");
        MimeMessage plain = new MimeMessage(Session.getInstance(new Properties()));
        plain.setFrom("alice@agency.example");
        plain.setSubject("Forms");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(BODY, "US-ASCII");
        MimeBodyPart binary = new MimeBodyPart();
        binary.setDataHandler(new javax.activation.DataHandler(new javax.mail.util.ByteArrayDataSource(new byte[] {1, (byte) 0xff, 10, 13, 0x7f}, "application/octet-stream")));
        binary.setHeader("Content-Transfer-Encoding", "binary");
        MimeMultipart mixed = new MimeMultipart();
        mixed.addBodyPart(text);
        mixed.addBodyPart(binary);
        plain.setContent(mixed);
        plain.saveChanges();
        binary.setHeader("Content-Transfer-Encoding", "binary");

        MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(plain);
        Path mail = write("signed-mixed.eml", signed);
        assertThat(Files.readString(mail, StandardCharsets.ISO_8859_1)).contains(BODY).doesNotContain("binary");
        verify(mail, agency);
        assertThat(new SmimeVerifier().verify(readBack(mail)).valid()).isTrue();
    }

    @Test
    void enc3HeadersOtherThanContentStayOutsideUnchanged() throws Exception {
        TestCertificates agency = TestCertificates.rsa("alice@agency.example");
        MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(message(BODY, "US-ASCII"));
        assertThat(signed.getHeader("X-Mailer")).containsExactly("agency-mail 2.1");
        assertThat(signed.getMessageID()).isEqualTo("<m1@agency.example>");
        assertThat(signed.getSubject()).isEqualTo("Your appointment");
        assertThat(signed.getHeader("Content-Type")).hasSize(1);
    }

    @Test
    void enc3SignThenEncryptOpensslDecryptsWithTheRecipientKeyThenVerifiesTheAgencySignature() throws Exception {
        TestCertificates dana = TestCertificates.rsa("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        for (TestCertificates agency : List.of(TestCertificates.rsa("alice@agency.example"), TestCertificates.ec("alice@agency.example"))) {
            MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(message(BODY, "US-ASCII"));
            Path mail = write("signed-encrypted.eml",
                new SmimeEncryptor(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256).encrypt(signed, dana.certificate(), escrow.certificate()));
            assertThat(Files.readString(mail, StandardCharsets.ISO_8859_1)).doesNotContain("Tuesday").contains("enveloped-data");

            Path decrypted = directory.resolve("decrypted.eml");
            Openssl.Result opened = Openssl.run("cms", "-decrypt", "-in", mail.toString(), "-out", decrypted.toString(),
                "-recip", write("dana.pem", dana.certificatePem()).toString(), "-inkey", write("dana-key.pem", dana.keyPem()).toString());
            assertThat(opened.exit()).as(opened.output()).isZero();
            assertThat(Files.readString(decrypted, StandardCharsets.ISO_8859_1)).startsWith("Content-Type: multipart/signed");
            assertThat(verify(decrypted, agency)).contains(BODY);
        }
    }

    @Test
    void enc3OnlyRsaAndEcKeysSign() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        TestCertificates agency = TestCertificates.rsa("alice@agency.example");
        assertThatThrownBy(() -> new SmimeSigner(generator.generateKeyPair().getPrivate(), agency.certificate()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA or EC");
    }

    private static MimeMessage readBack(Path file) throws Exception {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
