package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.crypto.TestPki;
import org.caseguard.core.crypto.TestPki.Issued;
import org.caseguard.core.crypto.smime.Openssl;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-4 signer trust, with mail signed by the real {@code openssl cms -sign} of an outside party: trusted when its
 * certificate chains to an anchor of the certificate store and names the From address; untrusted, with the reason,
 * otherwise; opaque signatures verified and unwrapped so the content is scanned; harvesting only from trusted signers.
 */
class DecryptInboundTrustTest {
    private static final String COURT = "clerk@court.test";
    private static final String BODY = "Order for case review attached below, hearing on the 14th.";

    @TempDir
    Path directory;

    private RegistryStore registry;
    private Issued courtCa;
    private Issued clerk;

    @BeforeEach
    void setUp() throws Exception {
        Openssl.require();
        registry = RegistryTestSupport.agencyRegistry(directory);
        courtCa = TestPki.authority("Court CA", null);
        clerk = TestPki.leaf(COURT, courtCa).issue();
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    private DecryptInbound mailet(String... parameters) throws Exception {
        DecryptInbound mailet = new DecryptInbound(ConfiguredFiles.asWritten(), Optional.of(registry), Clock.systemUTC());
        mailet.init(MailetConfigs.of("DecryptInbound", parameters));
        return mailet;
    }

    private void trustCourtCa() {
        registry.certificates().add(courtCa.certificate(), CertificateStore.Role.ANCHOR, "pki.admin");
    }

    /** The clerk's mail, signed by openssl with the clerk's key: detached by default, opaque with {@code -nodetach}. */
    private MimeMessage signedByOpenssl(String from, boolean opaque) throws Exception {
        Path plain = directory.resolve("plain.eml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MimeMessageBuilder.mimeMessageBuilder().setText(BODY).build().writeTo(out);
        Files.write(plain, out.toByteArray());
        Path certificate = directory.resolve("clerk.pem");
        Files.writeString(certificate, pem("CERTIFICATE", clerk.certificate().getEncoded()));
        Path key = directory.resolve("clerk.key");
        Files.writeString(key, pem("PRIVATE KEY", clerk.keys().getPrivate().getEncoded()));
        Path signed = directory.resolve("signed.eml");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("cms", "-sign", "-in", plain.toString(),
            "-signer", certificate.toString(), "-inkey", key.toString(), "-out", signed.toString(),
            "-from", from, "-to", "intake@agency.example", "-subject", "Order"));
        if (opaque) {
            command.add("-nodetach");
        }
        Openssl.Result result = Openssl.run(command.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
        try (var in = Files.newInputStream(signed)) {
            return new MimeMessage(Session.getInstance(new java.util.Properties()), in);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    private static FakeMail mail(MimeMessage message) throws Exception {
        return FakeMail.builder().name("m").sender(COURT).recipients("intake@agency.example").mimeMessage(message).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(FakeMail mail) {
        return (Map<String, Object>) CaseguardAttributes.unwrapValue(mail.getAttribute(DecryptInbound.ATTRIBUTE).orElseThrow().getValue());
    }

    @Test
    void enc4ASignerWhoseAuthorityIsTrustedAndWhoseCertificateNamesTheSenderIsTrusted() throws Exception {
        trustCourtCa();
        FakeMail mail = mail(signedByOpenssl(COURT, false));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=valid; signer=trusted");
        assertThat(result(mail)).containsEntry("signerTrusted", true).doesNotContainKey("signerReason");
    }

    @Test
    void enc4ASignerFromAnUnknownAuthorityIsUntrustedAndTheReasonSaysWhatToDo() throws Exception {
        FakeMail mail = mail(signedByOpenssl(COURT, false));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=valid; signer=untrusted");
        assertThat((String) result(mail).get("signerReason")).contains("does not chain to a trusted authority").contains("CN=Court CA")
            .contains("add the issuer as a trust anchor");
    }

    @Test
    void enc4AValidSignatureByAnotherPersonThanTheFromAddressIsUntrusted() throws Exception {
        trustCourtCa();
        FakeMail mail = mail(signedByOpenssl("judge@court.test", false));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=valid; signer=untrusted");
        assertThat((String) result(mail).get("signerReason")).contains("From address is not in its subject alternative names");
    }

    @Test
    void enc4AnOpaqueSignatureIsVerifiedAndItsContentUnwrappedForScanning() throws Exception {
        trustCourtCa();
        MimeMessage opaque = signedByOpenssl(COURT, true);
        assertThat(opaque.getContentType()).contains("signed-data");
        FakeMail mail = mail(opaque);

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=valid; signer=trusted");
        assertThat(result(mail)).containsEntry("opaque", true);
        assertThat(mail.getMessage().getContent().toString()).contains(BODY);
        assertThat(mail.getMessage().getSubject()).isEqualTo("Order");
    }

    @Test
    void enc4AnOpaqueSignatureChangedAfterSigningIsInvalid() throws Exception {
        trustCourtCa();
        MimeMessage opaque = signedByOpenssl(COURT, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opaque.writeTo(out);
        String raw = out.toString(StandardCharsets.ISO_8859_1);
        byte[] der = Base64.getMimeDecoder().decode(raw.substring(raw.indexOf("\r\n\r\n") + 4).trim());
        String text = new String(der, StandardCharsets.ISO_8859_1).replace("14th", "15th");
        String tampered = raw.substring(0, raw.indexOf("\r\n\r\n") + 4)
            + Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1)) + "\r\n";
        FakeMail mail = mail(new MimeMessage(Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(tampered.getBytes(StandardCharsets.ISO_8859_1))));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=invalid");
        assertThat((String) result(mail).get("reason")).contains("changed after signing");
    }

    @Test
    void enc4HarvestingStoresATrustedSignersCertificateOnlyWhenTurnedOn() throws Exception {
        trustCourtCa();
        mailet().service(mail(signedByOpenssl(COURT, false)));
        assertThat(registry.certificates().forAddress(COURT)).isEmpty();

        FakeMail mail = mail(signedByOpenssl(COURT, false));
        mailet("harvestCertificates", "true").service(mail);

        assertThat(result(mail)).containsEntry("certificateHarvested", true);
        assertThat(registry.certificates().forAddress(COURT)).extracting(CertificateStore.Stored::certificate).containsExactly(clerk.certificate());
    }

    @Test
    void enc4NothingIsHarvestedFromAnUntrustedSigner() throws Exception {
        FakeMail mail = mail(signedByOpenssl(COURT, false));

        mailet("harvestCertificates", "true").service(mail);

        assertThat(result(mail)).containsEntry("signerTrusted", false).doesNotContainKey("certificateHarvested");
        assertThat(registry.certificates().forAddress(COURT)).isEmpty();
    }

    @Test
    void badTrustParametersStopStartupNamingTheParameter() {
        assertThatThrownBy(() -> mailet("crl", "sometimes")).hasMessageContaining("crl").hasMessageContaining("when-available");
        assertThatThrownBy(() -> mailet("harvestCertificates", "maybe")).hasMessageContaining("harvestCertificates");
    }
}
