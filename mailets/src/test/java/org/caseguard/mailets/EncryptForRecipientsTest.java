package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.core.registry.RegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENC-1 fan-out and ENC-2, on a real H2 certificate store with real keys. */
class EncryptForRecipientsTest {
    private static final String BODY = "Reminder: your appointment is on Tuesday at 10:00.";

    @TempDir
    Path directory;

    private RegistryStore registry;
    private FakeMailContext context;

    private record Party(KeyPair keys, X509Certificate certificate) {
    }

    private static Party party(String email) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(300, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        return new Party(keys, new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))));
    }

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

    private Path pem(X509Certificate certificate) throws Exception {
        Path file = directory.resolve("escrow.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    private static FakeMail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m").sender("alice@agency.example").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Your appointment").setText(BODY)).build();
    }

    @Test
    void enc1ThreeRecipientsWithCertificatesGetOneCopyEachOpenableOnlyByTheirKeyAndEscrowAndEnc2ForTheFourth() throws Exception {
        Party escrow = party("escrow@agency.example");
        List<Party> clients = List.of(party("a@mail.test"), party("b@mail.test"), party("c@mail.test"));
        for (Party client : clients) {
            String fingerprint = registry.certificates().add(client.certificate(), CertificateStore.Role.RECIPIENT, "test");
            registry.certificates().pin(fingerprint, true);
        }
        FakeMail mail = mail("a@mail.test", "b@mail.test", "c@mail.test", "d@mail.test");
        mailet("escrowCertificate", pem(escrow.certificate()).toString()).service(mail);

        List<FakeMailContext.SentMail> copies = context.getSentMails().stream().filter(sent -> "relay".equals(sent.getState())).toList();
        assertThat(copies).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Party client = clients.get(i);
            FakeMailContext.SentMail copy = copies.stream()
                .filter(sent -> sent.getRecipients().contains(mailAddress(client))).findFirst().orElseThrow();
            assertThat(copy.getRecipients()).hasSize(1);
            assertThat(new SmimeDecryptor(client.keys().getPrivate(), client.certificate()).decrypt(copy.getMsg()).orElseThrow().getContent().toString())
                .contains(BODY);
            assertThat(new SmimeDecryptor(escrow.keys().getPrivate(), escrow.certificate()).decrypt(copy.getMsg())).isPresent();
            Party other = clients.get((i + 1) % 3);
            assertThat(new SmimeDecryptor(other.keys().getPrivate(), other.certificate()).decrypt(copy.getMsg())).isEmpty();
        }
        List<FakeMailContext.SentMail> notices = context.getSentMails().stream().filter(sent -> sent.getState() == null || !"relay".equals(sent.getState())).toList();
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.getRecipients()).containsExactly(new MailAddress("alice@agency.example"));
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            notice.getMsg().writeTo(raw);
            assertThat(raw.toString()).contains("d@mail.test").contains("ENC-2").contains("no certificate is stored").doesNotContain("Tuesday");
        });
        assertThat(mail.getState()).isEqualTo(org.apache.mailet.Mail.GHOST);
    }

    private static MailAddress mailAddress(Party party) {
        try {
            return new MailAddress(party.certificate().getSubjectX500Principal().getName().substring(3));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void enc2WithoutAnEscrowCertificateNothingIsEncryptedAndTheNoticeSaysEncryptionIsNotSetUp() throws Exception {
        FakeMail mail = mail("a@mail.test");
        mailet().service(mail);
        assertThat(context.getSentMails()).singleElement().satisfies(notice -> {
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            notice.getMsg().writeTo(raw);
            assertThat(raw.toString()).contains("ENC-2").contains("not set up");
        });
    }

    @Test
    void badParametersStopStartupNamingTheParameter() {
        assertThatThrownBy(() -> mailet("keyTransport", "rot13")).hasMessageContaining("'keyTransport'");
        assertThatThrownBy(() -> mailet("crl", "sometimes")).hasMessageContaining("'crl'");
        assertThatThrownBy(() -> mailet("escrowCertificate", "/no/such/file.pem")).hasMessageContaining("'escrowCertificate'");
    }
}
