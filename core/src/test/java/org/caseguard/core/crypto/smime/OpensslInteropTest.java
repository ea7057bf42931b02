package org.caseguard.core.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-1, ENC-3 interop with an independent implementation: messages caseguard encrypts are decrypted by
 * {@code openssl cms} with the recipient's key and with the escrow key, and messages it signs verify with
 * {@code openssl cms -verify}. Skipped, saying so, only where openssl is not installed (CI installs it).
 */
class OpensslInteropTest {
    private static final String BODY = "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00.";

    @TempDir
    Path directory;

    @BeforeAll
    static void requireOpenssl() {
        Openssl.require();
    }

    private static MimeMessage plainMessage() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("alice@agency.example");
        message.setRecipients(javax.mail.Message.RecipientType.TO, "dana@mail.test");
        message.setSubject("Your appointment");
        message.setText(BODY, "UTF-8");
        message.saveChanges();
        return message;
    }

    private Path write(String name, String content) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    private Path write(String name, MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        Path file = directory.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", String.join(" ", arguments), output).isZero();
        return output;
    }

    @Test
    void enc1OpensslDecryptsWithTheRecipientKeyAndWithTheEscrowKeyForOaepAndPkcs1() throws Exception {
        TestCertificates client = TestCertificates.rsa("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        for (SmimeEncryptor.KeyTransport transport : SmimeEncryptor.KeyTransport.values()) {
            MimeMessage encrypted = new SmimeEncryptor(transport).encrypt(plainMessage(), client.certificate(), escrow.certificate());
            assertThat(encrypted.getContentType()).startsWith("application/pkcs7-mime").contains("enveloped-data");
            assertThat(encrypted.getSubject()).isEqualTo("Your appointment");
            Path mail = write("encrypted-" + transport + ".eml", encrypted);
            assertThat(Files.readString(mail, StandardCharsets.ISO_8859_1)).doesNotContain("appointment on Tuesday");

            for (TestCertificates reader : List.of(client, escrow)) {
                String decrypted = openssl("cms", "-decrypt", "-in", mail.toString(),
                    "-recip", write("cert.pem", reader.certificatePem()).toString(),
                    "-inkey", write("key.pem", reader.keyPem()).toString());
                assertThat(decrypted).as(transport + " opened by " + reader.certificate().getSubjectX500Principal()).contains(BODY);
            }
        }
    }

    @Test
    void enc1OpensslOpensEcdhKeyAgreementForP256AndP384NextToAnRsaEscrow() throws Exception {
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        for (String curve : List.of("secp256r1", "secp384r1")) {
            TestCertificates client = TestCertificates.ec("dana@mail.test", curve);
            Path mail = write("ecdh-" + curve + ".eml", new SmimeEncryptor(EncryptionOptions.defaults())
                .encrypt(plainMessage(), client.certificate(), escrow.certificate()));
            for (TestCertificates reader : List.of(client, escrow)) {
                String decrypted = openssl("cms", "-decrypt", "-in", mail.toString(),
                    "-recip", write("cert.pem", reader.certificatePem()).toString(),
                    "-inkey", write("key.pem", reader.keyPem()).toString());
                assertThat(decrypted).as(curve + " opened by " + reader.certificate().getPublicKey().getAlgorithm()).contains(BODY);
            }
        }
    }

    @Test
    void enc1OpensslOpensAes256GcmAuthEnvelopedDataForRsaAndEcKeys() throws Exception {
        EncryptionOptions gcm = EncryptionOptions.defaults().withContentEncryption(EncryptionOptions.ContentEncryption.AES_256_GCM);
        for (TestCertificates client : List.of(TestCertificates.rsa("dana@mail.test"), TestCertificates.ec("dana@mail.test"))) {
            TestCertificates escrow = TestCertificates.ec("escrow@agency.example");
            Path mail = write("gcm.eml", new SmimeEncryptor(gcm).encrypt(plainMessage(), client.certificate(), escrow.certificate()));
            String structure = openssl("cms", "-cmsout", "-print", "-in", mail.toString());
            assertThat(structure).contains("authEnvelopedData").contains("aes-256-gcm");
            for (TestCertificates reader : List.of(client, escrow)) {
                String decrypted = openssl("cms", "-decrypt", "-in", mail.toString(),
                    "-recip", write("cert.pem", reader.certificatePem()).toString(),
                    "-inkey", write("key.pem", reader.keyPem()).toString());
                assertThat(decrypted).contains(BODY);
            }
        }
    }

    @Test
    void enc1OpensslShowsTheProtectedSubjectInsideWhileTheOuterOneIsNeutral() throws Exception {
        TestCertificates client = TestCertificates.ec("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        Path mail = write("protected.eml", new SmimeEncryptor(EncryptionOptions.defaults().withProtectedHeaders("Encrypted message"))
            .encrypt(plainMessage(), client.certificate(), escrow.certificate()));
        assertThat(Files.readString(mail, StandardCharsets.ISO_8859_1)).contains("Subject: Encrypted message").doesNotContain("Your appointment");
        String decrypted = openssl("cms", "-decrypt", "-in", mail.toString(),
            "-recip", write("cert.pem", client.certificatePem()).toString(), "-inkey", write("key.pem", client.keyPem()).toString());
        assertThat(decrypted).contains("Subject: Your appointment").contains("hp=cipher").contains(BODY);
    }

    @Test
    void enc1SomeoneElsesKeyCannotOpenIt() throws Exception {
        TestCertificates client = TestCertificates.rsa("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        TestCertificates stranger = TestCertificates.rsa("lee@mail.test");
        Path mail = write("encrypted.eml", new SmimeEncryptor(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256)
            .encrypt(plainMessage(), client.certificate(), escrow.certificate()));
        Process process = new ProcessBuilder("openssl", "cms", "-decrypt", "-in", mail.toString(),
            "-recip", write("cert.pem", stranger.certificatePem()).toString(), "-inkey", write("key.pem", stranger.keyPem()).toString())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).doesNotContain(BODY);
    }

    @Test
    void enc3OpensslVerifiesTheDetachedSignatureForRsaAndEcdsaKeys() throws Exception {
        for (TestCertificates agency : List.of(TestCertificates.rsa("alice@agency.example"), TestCertificates.ec("alice@agency.example"))) {
            MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(plainMessage());
            assertThat(signed.getContentType()).startsWith("multipart/signed").contains("application/pkcs7-signature").contains("sha-256");
            Path mail = write("signed.eml", signed);
            String verified = openssl("cms", "-verify", "-in", mail.toString(), "-CAfile", write("ca.pem", agency.certificatePem()).toString());
            assertThat(verified).contains(BODY);
        }
    }

    @Test
    void enc3ATamperedSignedMessageFailsOpensslVerification() throws Exception {
        TestCertificates agency = TestCertificates.rsa("alice@agency.example");
        Path mail = write("signed.eml", new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(plainMessage()));
        Files.writeString(mail, Files.readString(mail, StandardCharsets.ISO_8859_1).replace("Tuesday", "Thursday"), StandardCharsets.ISO_8859_1);
        Process process = new ProcessBuilder("openssl", "cms", "-verify", "-in", mail.toString(),
            "-CAfile", write("ca.pem", agency.certificatePem()).toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor(60, TimeUnit.SECONDS);
        assertThat(process.exitValue()).isNotZero();
    }

    private MimeMessage read(Path file) throws Exception {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private Path plainFile() throws Exception {
        return write("plain.eml", plainMessage());
    }

    @Test
    void enc4MailThatOpensslEncryptedToTheAgencyIsDecryptedForRsaOaepAndPkcs1() throws Exception {
        TestCertificates agency = TestCertificates.rsa("intake@agency.example");
        Path cert = write("agency.pem", agency.certificatePem());
        for (List<String> options : List.<List<String>>of(List.of(), List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"))) {
            Path encrypted = directory.resolve("from-openssl.eml");
            List<String> command = new ArrayList<>(List.of("cms", "-encrypt", "-aes256", "-in", plainFile().toString(), "-out",
                encrypted.toString(), "-from", "dana@mail.test", "-to", "intake@agency.example", "-subject", "Your appointment",
                "-recip", cert.toString()));
            command.addAll(options);
            openssl(command.toArray(String[]::new));

            MimeMessage decrypted = new SmimeDecryptor(agency.keys().getPrivate(), agency.certificate()).decrypt(read(encrypted)).orElseThrow();
            assertThat(decrypted.getSubject()).isEqualTo("Your appointment");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            decrypted.writeTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("options " + options).contains(BODY);
        }
    }

    @Test
    void enc4MailThatOpensslEncryptedToAnAgencyEcKeyIsDecryptedWithEveryKdfAndWithGcm() throws Exception {
        for (String curve : List.of("secp256r1", "secp384r1")) {
            TestCertificates agency = TestCertificates.ec("intake@agency.example", curve);
            Path cert = write("agency-ec.pem", agency.certificatePem());
            for (List<String> options : List.<List<String>>of(List.of("-aes256"), List.of("-aes256", "-keyopt", "ecdh_kdf_md:sha256"),
                List.of("-aes-256-gcm"), List.of("-aes-256-gcm", "-keyopt", "ecdh_kdf_md:sha384"))) {
                Path encrypted = directory.resolve("from-openssl-ec.eml");
                List<String> command = new ArrayList<>(List.of("cms", "-encrypt", "-in", plainFile().toString(), "-out", encrypted.toString(),
                    "-from", "dana@mail.test", "-to", "intake@agency.example", "-subject", "Your appointment", "-recip", cert.toString()));
                command.addAll(options);
                openssl(command.toArray(String[]::new));

                MimeMessage decrypted = new SmimeDecryptor(agency.keys().getPrivate(), agency.certificate()).decrypt(read(encrypted))
                    .orElseThrow(() -> new AssertionError(curve + " " + options + " not opened"));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                decrypted.writeTo(out);
                assertThat(out.toString(StandardCharsets.UTF_8)).as(curve + " " + options).contains(BODY);
            }
        }
    }

    @Test
    void enc4MailThatOpensslEncryptedWithGcmToAnAgencyRsaKeyIsDecrypted() throws Exception {
        TestCertificates agency = TestCertificates.rsa("intake@agency.example");
        Path encrypted = directory.resolve("from-openssl-gcm.eml");
        openssl("cms", "-encrypt", "-aes-256-gcm", "-in", plainFile().toString(), "-out", encrypted.toString(),
            "-recip", write("agency.pem", agency.certificatePem()).toString(), "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");
        assertThat(Files.readString(encrypted, StandardCharsets.ISO_8859_1)).contains("authEnveloped-data");
        MimeMessage decrypted = new SmimeDecryptor(agency.keys().getPrivate(), agency.certificate()).decrypt(read(encrypted)).orElseThrow();
        assertThat((String) decrypted.getContent()).contains(BODY);
    }

    @Test
    void enc4MailForAnotherKeyIsNotOpenedAndLeftAsReceived() throws Exception {
        TestCertificates agency = TestCertificates.rsa("intake@agency.example");
        TestCertificates other = TestCertificates.rsa("someone@else.test");
        Path encrypted = directory.resolve("for-other.eml");
        openssl("cms", "-encrypt", "-aes256", "-in", plainFile().toString(), "-out", encrypted.toString(),
            "-recip", write("other.pem", other.certificatePem()).toString());
        assertThat(new SmimeDecryptor(agency.keys().getPrivate(), agency.certificate()).decrypt(read(encrypted))).isEmpty();
    }

    @Test
    void enc4SignaturesMadeByOpensslVerifyForRsaAndEcdsaAndAChangeIsReported() throws Exception {
        for (TestCertificates outsider : List.of(TestCertificates.rsa("court@county.test"), TestCertificates.ec("court@county.test"))) {
            Path signed = directory.resolve("signed-by-openssl.eml");
            openssl("cms", "-sign", "-in", plainFile().toString(), "-out", signed.toString(), "-md", "sha256",
                "-signer", write("signer.pem", outsider.certificatePem()).toString(), "-inkey", write("signer-key.pem", outsider.keyPem()).toString(),
                "-from", "court@county.test", "-to", "intake@agency.example", "-subject", "Order");
            SignatureCheck check = new SmimeVerifier().verify(read(signed));
            assertThat(check.valid()).as(check.reason()).isTrue();
            assertThat(check.signer().orElseThrow().getSubjectX500Principal().getName()).contains("court@county.test");

            Files.writeString(signed, Files.readString(signed, StandardCharsets.ISO_8859_1).replace("Tuesday", "Thursday"), StandardCharsets.ISO_8859_1);
            SignatureCheck changed = new SmimeVerifier().verify(read(signed));
            assertThat(changed.signed()).isTrue();
            assertThat(changed.valid()).isFalse();
            assertThat(changed.reason()).contains("changed after signing");
        }
    }

    @Test
    void enc4CaseguardReadsBackWhatItEncryptedAndSigned() throws Exception {
        TestCertificates agency = TestCertificates.rsa("alice@agency.example");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        MimeMessage signed = new SmimeSigner(agency.keys().getPrivate(), agency.certificate()).sign(plainMessage());
        assertThat(new SmimeVerifier().verify(read(write("signed.eml", signed))).valid()).isTrue();
        MimeMessage encrypted = new SmimeEncryptor(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256).encrypt(plainMessage(), agency.certificate(), escrow.certificate());
        MimeMessage opened = new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(read(write("enc.eml", encrypted))).orElseThrow();
        assertThat((String) opened.getContent()).contains(BODY);
    }
}
