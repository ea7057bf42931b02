package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.caseguard.core.crypto.smime.Openssl;
import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.crypto.smime.SmimeSigner;
import org.caseguard.core.crypto.smime.SmimeVerifier;
import org.caseguard.core.registry.RegistryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-3 as configured in mailetcontainer.xml: a real PKCS#12 keystore (RSA 2048, EC P-256), signatures checked by the
 * real {@code openssl cms -verify}, sign-then-encrypt through the real EncryptForRecipients opened and verified by
 * openssl, and startup errors that name the parameter.
 */
class SignOutboundTest {
    private static final String BODY = "Dear Mr. Reyes, the hearing is confirmed for the 14th at 9:00 in room 4.";
    private static final String PASSWORD = "p12-signing-pass";

    @TempDir
    Path directory;

    private Path passwordFile;
    private RecordingMetricFactory metrics;

    @BeforeAll
    static void requireOpenssl() {
        Openssl.require();
    }

    @BeforeEach
    void setUp() throws Exception {
        passwordFile = directory.resolve("signing-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        metrics = new RecordingMetricFactory();
    }

    private SignOutbound mailet(String... parameters) throws Exception {
        return mailet(Clock.systemUTC(), parameters);
    }

    private SignOutbound mailet(Clock clock, String... parameters) throws Exception {
        SignOutbound mailet = new SignOutbound(metrics, ConfiguredFiles.asWritten(), clock);
        mailet.init(MailetConfigs.of("SignOutbound", parameters));
        return mailet;
    }

    private SignOutbound signingFor(SmimeTestKeys agency, String... more) throws Exception {
        List<String> parameters = new java.util.ArrayList<>(List.of("keystore", agency.pkcs12(directory.resolve("agency.p12"), "agency", PASSWORD).toString(),
            "keystorePasswordFile", passwordFile.toString()));
        parameters.addAll(List.of(more));
        return mailet(parameters.toArray(String[]::new));
    }

    private static FakeMail mail(String sender, String recipient) throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Hearing date").setText(BODY).addFrom(sender)
            .addToRecipient(recipient).addHeader("Message-ID", "<hearing-1@agency.example>").addHeader("X-Caseguard-Journal", "kept").build();
        return FakeMail.builder().name("m").sender(sender).recipients(recipient).mimeMessage(message).build();
    }

    private Path write(String name, MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        Path file = directory.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private String opensslVerifies(Path mail, SmimeTestKeys signer) throws Exception {
        Openssl.Result result = Openssl.run("cms", "-verify", "-in", mail.toString(),
            "-CAfile", signer.writeCertificate(directory.resolve("signer.pem")).toString());
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    @Test
    void enc3MailFromAConfiguredSenderLeavesWithADetachedSignatureOpensslVerifiesForRsaAndEcP256() throws Exception {
        for (SmimeTestKeys agency : List.of(SmimeTestKeys.rsa("alice@agency.example"), SmimeTestKeys.ec("alice@agency.example"))) {
            FakeMail mail = mail("alice@agency.example", "reyes@law.test");
            signingFor(agency, "senders", "alice@agency.example").service(mail);

            MimeMessage signed = mail.getMessage();
            assertThat(signed.getContentType()).startsWith("multipart/signed").contains("application/pkcs7-signature").contains("micalg=sha-256");
            assertThat(signed.getMessageID()).isEqualTo("<hearing-1@agency.example>");
            assertThat(signed.getSubject()).isEqualTo("Hearing date");
            assertThat(signed.getHeader("X-Caseguard-Journal")).containsExactly("kept");
            Path file = write("signed.eml", signed);
            assertThat(opensslVerifies(file, agency)).contains(BODY);
            Openssl.Result printed = Openssl.run("cms", "-cmsout", "-print", "-in", file.toString());
            assertThat(printed.output()).contains(agency.keys().getPrivate().getAlgorithm().equals("EC") ? "ecdsa-with-SHA256" : "sha256");
            assertThat(new SmimeVerifier().verify(signed).valid()).isTrue();
        }
        assertThat(metrics.countForPrefixName("caseguard.ENC-3.signed")).containsValue(2);
    }

    @Test
    void enc3SendersAreMatchedByAddressOrDomainAndNobodyElseIsSigned() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.ec("agency.example@agency.example");
        SignOutbound mailet = signingFor(agency, "senders", "Director@Agency.Example", "domains", "courts.agency.example, Agency.Example");

        FakeMail byDomain = mail("bob@agency.example", "reyes@law.test");
        mailet.service(byDomain);
        assertThat(byDomain.getMessage().getContentType()).startsWith("multipart/signed");

        FakeMail bySubdomain = mail("clerk@courts.agency.example", "reyes@law.test");
        mailet.service(bySubdomain);
        assertThat(bySubdomain.getMessage().getContentType()).startsWith("multipart/signed");

        FakeMail otherDomain = mail("bob@partner.example", "reyes@law.test");
        mailet.service(otherDomain);
        assertThat(otherDomain.getMessage().getContentType()).startsWith("text/plain");

        FakeMail bounce = FakeMail.builder().name("b").recipients("reyes@law.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("x").setText(BODY)).build();
        mailet.service(bounce);
        assertThat(bounce.getMessage().getContentType()).startsWith("text/plain");
    }

    @Test
    void enc3OnlyTheListedAddressNotItsWholeDomain() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.rsa("director@agency.example");
        SignOutbound mailet = signingFor(agency, "senders", "director@agency.example");
        FakeMail colleague = mail("bob@agency.example", "reyes@law.test");
        mailet.service(colleague);
        assertThat(colleague.getMessage().getContentType()).startsWith("text/plain");
        FakeMail director = mail("DIRECTOR@agency.example", "reyes@law.test");
        mailet.service(director);
        assertThat(director.getMessage().getContentType()).startsWith("multipart/signed");
    }

    @Test
    void enc3MailTheSendersClientAlreadySignedIsLeftAsItIs() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.rsa("alice@agency.example");
        SmimeTestKeys personal = SmimeTestKeys.ec("alice@agency.example");
        FakeMail mail = mail("alice@agency.example", "reyes@law.test");
        mail.setMessage(new SmimeSigner(personal.keys().getPrivate(), personal.certificate()).sign(mail.getMessage()));
        signingFor(agency, "domains", "agency.example").service(mail);
        assertThat(new SmimeVerifier().verify(mail.getMessage()).signer().orElseThrow()).isEqualTo(personal.certificate());
    }

    @Test
    void enc3OpaqueAndSha512WhenConfigured() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.ec("alice@agency.example");
        FakeMail mail = mail("alice@agency.example", "reyes@law.test");
        signingFor(agency, "domains", "agency.example", "signature", "opaque", "digest", "sha-512").service(mail);
        assertThat(mail.getMessage().getContentType()).startsWith("application/pkcs7-mime").contains("signed-data");
        Path file = write("opaque.eml", mail.getMessage());
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("hearing is confirmed");
        assertThat(opensslVerifies(file, agency)).contains(BODY);
        assertThat(Openssl.run("cms", "-cmsout", "-print", "-in", file.toString()).output()).contains("ecdsa-with-SHA512");
    }

    @Test
    void enc3SignThenEncryptOpensslOpensTheCopyWithTheRecipientKeyThenVerifiesTheAgencySignature() throws Exception {
        SmimeTestKeys escrow = SmimeTestKeys.rsa("escrow@agency.example");
        SmimeTestKeys reyes = SmimeTestKeys.rsa("reyes@law.test");
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@agency.example")).build();
        for (SmimeTestKeys agency : List.of(SmimeTestKeys.rsa("alice@agency.example"), SmimeTestKeys.ec("alice@agency.example"))) {
            Path registryDirectory = Files.createTempDirectory(directory, "registry");
            try (RegistryStore registry = RegistryTestSupport.agencyRegistry(registryDirectory)) {
                registry.certificates().pin(registry.certificates().add(reyes.certificate(), CertificateStore.Role.RECIPIENT, "test"), true);
                EncryptForRecipients encrypt = new EncryptForRecipients(registry, metrics, ConfiguredFiles.asWritten(), Clock.systemUTC());
                encrypt.init(MailetConfigs.of("EncryptForRecipients", context,
                    "escrowCertificate", escrow.writeCertificate(directory.resolve("escrow.pem")).toString()));

                FakeMail mail = mail("alice@agency.example", "reyes@law.test");
                signingFor(agency, "domains", "agency.example").service(mail);
                encrypt.service(mail);

                MimeMessage copy = context.getSentMails().get(context.getSentMails().size() - 1).getMsg();
                Path encrypted = write("copy.eml", copy);
                assertThat(Files.readString(encrypted, StandardCharsets.ISO_8859_1)).contains("enveloped-data").doesNotContain("hearing is confirmed");
                Path opened = directory.resolve("opened.eml");
                Openssl.Result decrypt = Openssl.run("cms", "-decrypt", "-in", encrypted.toString(), "-out", opened.toString(),
                    "-recip", reyes.writeCertificate(directory.resolve("reyes.pem")).toString(),
                    "-inkey", reyes.writeKey(directory.resolve("reyes-key.pem")).toString());
                assertThat(decrypt.exit()).as(decrypt.output()).isZero();
                assertThat(Files.readString(opened, StandardCharsets.ISO_8859_1)).startsWith("Content-Type: multipart/signed");
                assertThat(opensslVerifies(opened, agency)).contains(BODY);
            }
        }
    }

    @Test
    void enc3AfterTheCertificateExpiresMailLeavesUnsignedAndIsCounted() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.issue("alice@agency.example", "RSA", Instant.now().plus(2, ChronoUnit.DAYS));
        Instant[] now = {Instant.now()};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SignOutbound mailet = mailet(clock, "keystore", agency.pkcs12(directory.resolve("agency.p12"), "agency", PASSWORD).toString(),
            "keystorePasswordFile", passwordFile.toString(), "domains", "agency.example");
        now[0] = now[0].plus(3, ChronoUnit.DAYS);
        FakeMail mail = mail("alice@agency.example", "reyes@law.test");
        mailet.service(mail);
        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
        assertThat(metrics.countForPrefixName("caseguard.ENC-3.unsigned")).containsValue(1);
    }

    @Test
    void withoutSendersOrDomainsNothingIsSignedAndNoKeystoreIsNeeded() throws Exception {
        FakeMail mail = mail("alice@agency.example", "reyes@law.test");
        mailet("senders", "", "domains", "").service(mail);
        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
    }

    @Test
    void startupErrorsNameTheParameterAndNeverThePassword() throws Exception {
        SmimeTestKeys agency = SmimeTestKeys.rsa("alice@agency.example");
        SmimeTestKeys second = SmimeTestKeys.ec("bob@agency.example");
        String keystore = agency.pkcs12(directory.resolve("agency.p12"), "agency", PASSWORD).toString();
        String twoKeys = agency.pkcs12(directory.resolve("two.p12"), "agency", PASSWORD, "bob", second).toString();
        String file = passwordFile.toString();

        assertThatThrownBy(() -> mailet("domains", "agency.example")).hasMessageContaining("'keystore'");
        assertThatThrownBy(() -> mailet("keystore", keystore, "domains", "agency.example")).hasMessageContaining("'keystorePasswordEnv'");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file, "keystorePasswordEnv", "X"))
            .hasMessageContaining("'keystorePasswordEnv'").hasMessageContaining("exactly one");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordEnv", "CASEGUARD_TEST_UNSET_VARIABLE_42"))
            .hasMessageContaining("'keystore'").hasMessageContaining("CASEGUARD_TEST_UNSET_VARIABLE_42 is not set");
        assertThatThrownBy(() -> mailet("keystore", directory.resolve("missing.p12").toString(), "keystorePasswordFile", file))
            .hasMessageContaining("'keystore'");
        Files.writeString(passwordFile, "not-the-password\n");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file))
            .hasMessageContaining("'keystore'").hasMessageContaining("does not open it").hasMessageNotContaining("not-the-password");
        Files.writeString(passwordFile, PASSWORD + "\n");

        assertThatThrownBy(() -> mailet("keystore", twoKeys, "keystorePasswordFile", file)).hasMessageContaining("'alias'").hasMessageContaining("name one");
        assertThatThrownBy(() -> mailet("keystore", twoKeys, "keystorePasswordFile", file, "alias", "carol"))
            .hasMessageContaining("'alias'").hasMessageContaining("no key 'carol'").hasMessageContaining("bob");
        mailet("keystore", twoKeys, "keystorePasswordFile", file, "alias", "bob");

        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file, "signature", "enveloped"))
            .hasMessageContaining("'signature'").hasMessageContaining("detached or opaque");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file, "digest", "sha-1"))
            .hasMessageContaining("'digest'").hasMessageContaining("sha-256");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file, "senders", "alice@agency.example, not an address"))
            .hasMessageContaining("'senders'").hasMessageContaining("not an address");
        assertThatThrownBy(() -> mailet("keystore", keystore, "keystorePasswordFile", file, "domains", "alice@agency.example"))
            .hasMessageContaining("'domains'");
        assertThatThrownBy(() -> mailet("keystorePassword", PASSWORD)).hasMessageContaining("'keystorePassword'")
            .hasMessageNotContaining(PASSWORD);

        SmimeTestKeys expired = SmimeTestKeys.issue("alice@agency.example", "RSA", Instant.now().minus(1, ChronoUnit.DAYS));
        String expiredStore = expired.pkcs12(directory.resolve("expired.p12"), "agency", PASSWORD).toString();
        assertThatThrownBy(() -> mailet("keystore", expiredStore, "keystorePasswordFile", file))
            .hasMessageContaining("'keystore'").hasMessageContaining("expired on");
    }
}
