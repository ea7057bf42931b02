package org.caseguard.core.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.caseguard.core.crypto.smime.EncryptionOptions.ContentEncryption;
import org.junit.jupiter.api.Test;

/**
 * ENC-1 / ENC-4 in process: the key is wrapped per certificate by its key type (RSA key transport, EC key agreement),
 * AES-256-GCM AuthEnvelopedData on request, header protection; the decryptor opens each of them. Interop with openssl
 * is in {@link OpensslInteropTest}.
 */
class SmimeEncryptionAlgorithmsTest {
    private static final String BODY = "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00.";

    private static MimeMessage plainMessage() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("alice@agency.example");
        message.setRecipients(javax.mail.Message.RecipientType.TO, "dana@mail.test");
        message.setSubject("Your appointment about case 2024-117");
        message.setText(BODY, "UTF-8");
        message.saveChanges();
        return message;
    }

    private static MimeMessage reread(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Optional<MimeMessage> open(MimeMessage encrypted, TestCertificates reader) throws Exception {
        return new SmimeDecryptor(reader.keys().getPrivate(), reader.certificate()).decrypt(reread(encrypted));
    }

    @Test
    void enc1AnEcRecipientGetsKeyAgreementAndAnRsaEscrowKeyTransportInOneMessage() throws Exception {
        TestCertificates client = TestCertificates.ec("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults()).encrypt(plainMessage(), client.certificate(), escrow.certificate());

        CMSEnvelopedData enveloped = new CMSEnvelopedData(reread(encrypted).getInputStream());
        List<String> kinds = enveloped.getRecipientInfos().getRecipients().stream()
            .map(info -> info instanceof KeyAgreeRecipientInformation ? "key-agreement " + info.getKeyEncryptionAlgOID()
                : "key-transport " + info.getKeyEncryptionAlgOID()).toList();
        assertThat(kinds).containsExactlyInAnyOrder("key-agreement " + CMSAlgorithm.ECDH_SHA256KDF.getId(),
            "key-transport " + org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP.getId());

        for (TestCertificates reader : List.of(client, escrow)) {
            assertThat(text(open(encrypted, reader).orElseThrow())).contains(BODY);
        }
        assertThat(open(encrypted, TestCertificates.ec("lee@mail.test"))).isEmpty();
    }

    @Test
    void enc1P384AndP521KeysUseTheMatchingKdfAndOpen() throws Exception {
        TestCertificates escrow = TestCertificates.ec("escrow@agency.example");
        for (String[] curve : List.of(new String[] {"secp384r1", CMSAlgorithm.ECDH_SHA384KDF.getId()},
            new String[] {"secp521r1", CMSAlgorithm.ECDH_SHA512KDF.getId()})) {
            TestCertificates client = TestCertificates.ec("dana@mail.test", curve[0]);
            MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults()).encrypt(plainMessage(), client.certificate(), escrow.certificate());
            RecipientInformation forClient = new CMSEnvelopedData(reread(encrypted).getInputStream()).getRecipientInfos()
                .get(new org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId(client.certificate()));
            assertThat(forClient.getKeyEncryptionAlgOID()).as(curve[0]).isEqualTo(curve[1]);
            assertThat(text(open(encrypted, client).orElseThrow())).contains(BODY);
            assertThat(text(open(encrypted, escrow).orElseThrow())).contains(BODY);
        }
    }

    @Test
    void enc1GcmGivesAuthEnvelopedDataThatEveryKeyTypeOpens() throws Exception {
        EncryptionOptions gcm = EncryptionOptions.defaults().withContentEncryption(ContentEncryption.AES_256_GCM);
        for (TestCertificates client : List.of(TestCertificates.rsa("dana@mail.test"), TestCertificates.ec("dana@mail.test"))) {
            TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
            MimeMessage encrypted = new SmimeEncryptor(gcm).encrypt(plainMessage(), client.certificate(), escrow.certificate());
            assertThat(encrypted.getContentType()).contains("smime-type=authEnveloped-data");
            ContentInfo info = ContentInfo.getInstance(reread(encrypted).getInputStream().readAllBytes());
            assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
            assertThat(text(open(encrypted, client).orElseThrow())).contains(BODY);
            assertThat(text(open(encrypted, escrow).orElseThrow())).contains(BODY);
        }
    }

    @Test
    void enc4GcmContentChangedAfterEncryptionIsNotOpened() throws Exception {
        for (TestCertificates client : List.of(TestCertificates.rsa("dana@mail.test"), TestCertificates.ec("dana@mail.test"))) {
            TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
            MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults().withContentEncryption(ContentEncryption.AES_256_GCM))
                .encrypt(plainMessage(), client.certificate(), escrow.certificate());
            byte[] der = reread(encrypted).getInputStream().readAllBytes();
            // Near the end: the last ciphertext block or the 16-byte tag; a change in either must be refused.
            der[der.length - 20] ^= 0x01;
            MimeMessage changed = reread(encrypted);
            changed.setDataHandler(new javax.activation.DataHandler(new javax.mail.util.ByteArrayDataSource(der, encrypted.getContentType())));
            changed.setHeader("Content-Type", encrypted.getContentType());
            changed.setHeader("Content-Transfer-Encoding", "base64");
            changed.saveChanges();
            assertThat(open(changed, client)).as(client.certificate().getPublicKey().getAlgorithm()).isEmpty();
            assertThat(open(encrypted, client)).isPresent();
        }
    }

    @Test
    void enc1ProtectedHeadersHideTheSubjectOutsideAndDecryptionRestoresIt() throws Exception {
        TestCertificates client = TestCertificates.rsa("dana@mail.test");
        TestCertificates escrow = TestCertificates.ec("escrow@agency.example");
        MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults().withProtectedHeaders("Encrypted message"))
            .encrypt(plainMessage(), client.certificate(), escrow.certificate());
        assertThat(encrypted.getSubject()).isEqualTo("Encrypted message");
        assertThat(text(encrypted)).doesNotContain("2024-117").contains("From: alice@agency.example").contains("To: dana@mail.test");

        MimeMessage opened = open(encrypted, escrow).orElseThrow();
        assertThat(opened.getSubject()).isEqualTo("Your appointment about case 2024-117");
        assertThat(opened.getContentType()).doesNotContain("hp=").doesNotContain("protected-headers");
        assertThat(opened.getContent().toString()).contains(BODY);
    }

    @Test
    void enc1WithoutHeaderProtectionTheSubjectStaysAndNoMarkerIsAdded() throws Exception {
        TestCertificates client = TestCertificates.rsa("dana@mail.test");
        TestCertificates escrow = TestCertificates.rsa("escrow@agency.example");
        MimeMessage plain = plainMessage();
        byte[] inner = SmimeEncryptor.innerPart(plain, EncryptionOptions.defaults());
        assertThat(new String(inner, StandardCharsets.UTF_8)).doesNotContain("hp=").doesNotContain("Subject:");
        MimeMessage encrypted = new SmimeEncryptor(EncryptionOptions.defaults()).encrypt(plain, client.certificate(), escrow.certificate());
        assertThat(encrypted.getSubject()).isEqualTo("Your appointment about case 2024-117");
    }

    @Test
    void enc1AProtectedInnerPartCarriesTheRealHeadersAndTheirOuterForm() throws Exception {
        byte[] inner = SmimeEncryptor.innerPart(plainMessage(), EncryptionOptions.defaults().withProtectedHeaders("Encrypted message"));
        String part = new String(inner, StandardCharsets.UTF_8);
        assertThat(part).contains("hp=cipher").contains("protected-headers=v1")
            .contains("Subject: Your appointment about case 2024-117")
            .contains("HP-Outer: Subject: Encrypted message")
            .contains("HP-Outer: From: alice@agency.example")
            .contains(BODY);
    }

    @Test
    void enc1ACertificateWithAnotherKeyTypeIsAClearError() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
        java.security.KeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=dana@mail.test");
        java.security.cert.X509Certificate edwards = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
            new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE, new java.util.Date(),
                new java.util.Date(System.currentTimeMillis() + 86_400_000L), name, keys.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
        assertThatThrownBy(() -> new SmimeEncryptor(EncryptionOptions.defaults())
            .encrypt(plainMessage(), edwards, TestCertificates.rsa("escrow@agency.example").certificate()))
            .hasMessageContaining("ENC-1").hasMessageContaining("only RSA and EC keys");
    }

    @Test
    void enc1AnOuterSubjectMustBeOneLine() {
        assertThatThrownBy(() -> EncryptionOptions.defaults().withProtectedHeaders("Encrypted\r\nBcc: x@y.test"))
            .hasMessageContaining("one line");
        assertThatThrownBy(() -> EncryptionOptions.defaults().withProtectedHeaders(" ")).hasMessageContaining("one line");
    }
}
