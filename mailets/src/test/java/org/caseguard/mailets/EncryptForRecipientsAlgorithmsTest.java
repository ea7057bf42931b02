package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.crypto.smime.Openssl;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.core.registry.RegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-1 options of {@link EncryptForRecipients}: an EC client certificate gets ECDH key agreement next to an RSA
 * escrow, {@code contentEncryption=aes-256-gcm}, {@code protectHeaders}/{@code outerSubject}; the copies are opened by
 * the real openssl; wrong parameter values stop startup naming the parameter.
 */
class EncryptForRecipientsAlgorithmsTest {
    private static final String BODY = "Reminder: your appointment is on Tuesday at 10:00.";
    private static final String SUBJECT = "Your appointment about case 2024-117";

    @TempDir
    Path directory;

    private RegistryStore registry;
    private FakeMailContext context;

    @BeforeEach
    void setUp() throws Exception {
        registry = RegistryTestSupport.agencyRegistry(directory);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@agency.example")).build();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private EncryptForRecipients mailet(String... parameters) throws Exception {
        EncryptForRecipients mailet = new EncryptForRecipients(registry, new RecordingMetricFactory(), ConfiguredFiles.asWritten(),
            Clock.systemUTC());
        mailet.init(MailetConfigs.of("EncryptForRecipients", context, parameters));
        return mailet;
    }

    private SmimeTestKeys client(SmimeTestKeys keys) throws Exception {
        registry.certificates().pin(registry.certificates().add(keys.certificate(), CertificateStore.Role.RECIPIENT, "test"), true);
        return keys;
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder().name("m").sender("alice@agency.example").recipients("dana@mail.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(SUBJECT).setText(BODY)).build();
    }

    private MimeMessage onlyCopy() {
        return context.getSentMails().stream().filter(sent -> "relay".equals(sent.getState())).findFirst().orElseThrow().getMsg();
    }

    private Path write(String name, MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        Path file = directory.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void enc1AnEcClientGetsAGcmCopyWithANeutralSubjectThatOpensslOpensWithItsKey() throws Exception {
        Openssl.require();
        SmimeTestKeys dana = client(SmimeTestKeys.ec("dana@mail.test"));
        SmimeTestKeys escrow = SmimeTestKeys.rsa("escrow@agency.example");
        mailet("escrowCertificate", escrow.writeCertificate(directory.resolve("escrow.pem")).toString(),
            "contentEncryption", "aes-256-gcm", "protectHeaders", "true", "outerSubject", "Message from your agency").service(mail());

        MimeMessage copy = onlyCopy();
        assertThat(copy.getContentType()).contains("smime-type=authEnveloped-data");
        assertThat(copy.getSubject()).isEqualTo("Message from your agency");
        Path file = write("copy.eml", copy);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("2024-117");

        Openssl.Result opened = Openssl.run("cms", "-decrypt", "-in", file.toString(),
            "-recip", dana.writeCertificate(directory.resolve("dana.pem")).toString(), "-inkey", dana.writeKey(directory.resolve("dana.key")).toString());
        assertThat(opened.exit()).as(opened.output()).isZero();
        assertThat(opened.output()).contains("Subject: " + SUBJECT).contains(BODY);

        MimeMessage byEscrow = new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(copy).orElseThrow();
        assertThat(byEscrow.getSubject()).isEqualTo(SUBJECT);
        assertThat(byEscrow.getContent().toString()).contains(BODY);
    }

    @Test
    void enc1ByDefaultTheCopyIsCbcEnvelopedDataAndKeepsItsSubject() throws Exception {
        SmimeTestKeys dana = client(SmimeTestKeys.ec("dana@mail.test"));
        SmimeTestKeys escrow = SmimeTestKeys.ec("escrow@agency.example");
        mailet("escrowCertificate", escrow.writeCertificate(directory.resolve("escrow.pem")).toString()).service(mail());
        MimeMessage copy = onlyCopy();
        assertThat(copy.getContentType()).contains("smime-type=enveloped-data");
        assertThat(copy.getSubject()).isEqualTo(SUBJECT);
        assertThat(new SmimeDecryptor(dana.keys().getPrivate(), dana.certificate()).decrypt(copy).orElseThrow().getContent().toString())
            .contains(BODY);
    }

    @Test
    void enc1ProtectHeadersAloneUsesTheDefaultNeutralSubject() throws Exception {
        client(SmimeTestKeys.rsa("dana@mail.test"));
        SmimeTestKeys escrow = SmimeTestKeys.rsa("escrow@agency.example");
        mailet("escrowCertificate", escrow.writeCertificate(directory.resolve("escrow.pem")).toString(), "protectHeaders", "true").service(mail());
        assertThat(onlyCopy().getSubject()).isEqualTo("Encrypted message");
    }

    @Test
    void enc1WrongOptionValuesStopStartupNamingTheParameter() {
        assertThatThrownBy(() -> mailet("contentEncryption", "aes-128-cbc"))
            .hasMessageContaining("'contentEncryption'").hasMessageContaining("aes-256-cbc or aes-256-gcm").hasMessageContaining("aes-128-cbc");
        assertThatThrownBy(() -> mailet("protectHeaders", "maybe"))
            .hasMessageContaining("'protectHeaders'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> mailet("outerSubject", "Sealed"))
            .hasMessageContaining("'outerSubject'").hasMessageContaining("protectHeaders=true");
        assertThatThrownBy(() -> mailet("protectHeaders", "true", "outerSubject", "x".repeat(201)))
            .hasMessageContaining("'outerSubject'").hasMessageContaining("200 characters");
    }
}
