package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caseguard.core.crypto.smime.SmimeEncryptor;
import org.caseguard.core.crypto.smime.SmimeSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENC-4 in root: mail to the agency is opened before it is scanned; signatures are checked; nothing is dropped. */
class DecryptInboundTest {
    private static final String BODY = "Court order for case review attached below, hearing on the 14th.";

    @TempDir
    Path directory;

    private KeyPair agencyKeys;
    private X509Certificate agency;
    private Path keystore;
    private Path passwordFile;

    private static X509Certificate certificate(KeyPair keys, String email) throws Exception {
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(30, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @BeforeEach
    void setUp() throws Exception {
        agencyKeys = rsa();
        agency = certificate(agencyKeys, "intake@agency.example");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("intake", agencyKeys.getPrivate(), "s3cret-pass".toCharArray(), new Certificate[] {agency});
        keystore = directory.resolve("agency.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "s3cret-pass".toCharArray());
        }
        passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, "s3cret-pass\n");
    }

    private DecryptInbound mailet(String... parameters) throws Exception {
        DecryptInbound mailet = new DecryptInbound(ConfiguredFiles.asWritten());
        mailet.init(MailetConfigs.of("DecryptInbound", parameters));
        return mailet;
    }

    private DecryptInbound configured() throws Exception {
        return mailet("keystore", keystore.toString(), "keystorePasswordFile", passwordFile.toString());
    }

    private static MimeMessage plain() throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().setSubject("Order").setText(BODY).addFrom("court@county.test").build();
    }

    private static FakeMail mail(MimeMessage message) throws Exception {
        return FakeMail.builder().name("m").sender("court@county.test").recipients("intake@agency.example").mimeMessage(message).build();
    }

    @Test
    void enc4MailEncryptedToTheAgencyIsOpenedBeforeScanningAndFlagged() throws Exception {
        X509Certificate other = certificate(rsa(), "archive@agency.example");
        FakeMail mail = mail(new SmimeEncryptor(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256).encrypt(plain(), agency, other));
        configured().service(mail);
        assertThat(mail.getMessage().getContent().toString()).contains(BODY);
        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("decrypted");
    }

    @Test
    void enc4MailItCannotOpenIsKeptAsReceivedAndFlagged() throws Exception {
        X509Certificate stranger = certificate(rsa(), "x@else.test");
        MimeMessage encrypted = new SmimeEncryptor(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256).encrypt(plain(), stranger, stranger);
        FakeMail mail = mail(encrypted);
        configured().service(mail);
        assertThat(mail.getMessage().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("not-decrypted");
    }

    @Test
    void enc4SignaturesAreCheckedAndAForgedResultHeaderIsRemoved() throws Exception {
        KeyPair court = rsa();
        MimeMessage signed = new SmimeSigner(court.getPrivate(), certificate(court, "court@county.test")).sign(plain());
        signed.setHeader(DecryptInbound.HEADER, "decrypted; signature=valid");
        FakeMail mail = mail(new MimeMessage(Session.getInstance(new java.util.Properties()), toStream(signed)));
        mailet().service(mail);
        assertThat(mail.getMessage().getHeader(DecryptInbound.HEADER)).containsExactly("signature=valid");

        MimeMessage forged = plain();
        forged.setHeader(DecryptInbound.HEADER, "decrypted; signature=valid");
        FakeMail plainMail = mail(forged);
        mailet().service(plainMail);
        assertThat(plainMail.getMessage().getHeader(DecryptInbound.HEADER)).isNull();
    }

    private static java.io.InputStream toStream(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    @Test
    void aWrongPasswordOrAMissingSourceStopsStartupNamingTheParameterWithoutThePassword() throws Exception {
        Files.writeString(passwordFile, "wrong\n");
        assertThatThrownBy(this::configured).hasMessageContaining("'keystore'").hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> mailet("keystore", keystore.toString())).hasMessageContaining("'keystorePasswordEnv'");
        assertThatThrownBy(() -> mailet("keystor", "x")).hasMessageContaining("'keystor'");
    }
}
