package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.crypto.smime.EncryptionOptions;
import org.caseguard.core.crypto.smime.Openssl;
import org.caseguard.core.crypto.smime.SmimeEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-4 with an EC agency key in the PKCS#12 keystore: mail that openssl encrypted to it by ECDH (CBC and GCM) is
 * opened before scanning; a neutral outer Subject is replaced by the Subject the sender protected inside.
 */
class DecryptInboundAlgorithmsTest {
    private static final String BODY = "Court order for case review attached below, hearing on the 14th.";

    @TempDir
    Path directory;

    private DecryptInbound mailet(SmimeTestKeys agency) throws Exception {
        Path keystore = agency.pkcs12(directory.resolve("agency.p12"), "intake", "s3cret-pass");
        Path password = directory.resolve("password");
        Files.writeString(password, "s3cret-pass\n");
        DecryptInbound mailet = new DecryptInbound(ConfiguredFiles.asWritten());
        mailet.init(MailetConfigs.of("DecryptInbound", "keystore", keystore.toString(), "keystorePasswordFile", password.toString()));
        return mailet;
    }

    private static MimeMessage plain() throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().setSubject("Order in case 2024-117").setText(BODY).addFrom("court@county.test")
            .addToRecipient("intake@agency.example").build();
    }

    private static FakeMail mail(MimeMessage message) throws Exception {
        return FakeMail.builder().name("m").sender("court@county.test").recipients("intake@agency.example").mimeMessage(message).build();
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void enc4MailOpensslEncryptedToTheAgencyEcKeyIsOpenedForCbcAndGcm() throws Exception {
        Openssl.require();
        SmimeTestKeys agency = SmimeTestKeys.ec("intake@agency.example");
        Path plain = directory.resolve("plain.eml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plain().writeTo(out);
        Files.write(plain, out.toByteArray());
        for (String cipher : List.of("-aes256", "-aes-256-gcm")) {
            Path encrypted = directory.resolve("encrypted.eml");
            Openssl.Result result = Openssl.run("cms", "-encrypt", cipher, "-in", plain.toString(), "-out", encrypted.toString(),
                "-from", "court@county.test", "-to", "intake@agency.example", "-subject", "Order",
                "-recip", agency.writeCertificate(directory.resolve("agency.pem")).toString());
            assertThat(result.exit()).as(result.output()).isZero();

            FakeMail mail = mail(read(encrypted));
            mailet(agency).service(mail);
            assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).as(cipher).containsExactly("decrypted");
            ByteArrayOutputStream opened = new ByteArrayOutputStream();
            mail.getMessage().writeTo(opened);
            assertThat(opened.toString()).as(cipher).contains(BODY);
        }
    }

    @Test
    void enc4AProtectedSubjectReplacesTheNeutralOuterOne() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.ec("intake@agency.example");
        SmimeTestKeys archive = SmimeTestKeys.rsa("archive@agency.example");
        MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults()
            .withContentEncryption(EncryptionOptions.ContentEncryption.AES_256_GCM).withProtectedHeaders("Encrypted message"))
            .encrypt(plain(), agency.certificate(), archive.certificate());
        assertThat(encrypted.getSubject()).isEqualTo("Encrypted message");
        FakeMail mail = mail(encrypted);
        mailet(agency).service(mail);
        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("decrypted");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Order in case 2024-117");
        assertThat(mail.getMessage().getContent().toString()).contains(BODY);
    }
}
