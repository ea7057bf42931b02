package org.caseguard.core.crypto.smime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * ENC-1: encrypts a message for one recipient's certificate and the agency's escrow certificate (so the agency can
 * still read its own record), as S/MIME {@code application/pkcs7-mime}. The key is wrapped for each certificate by
 * its key type, so one message can mix them: RSA keys by key transport (RSA-OAEP with SHA-256 by default, PKCS#1 v1.5
 * for old clients), EC keys (P-256, P-384, P-521) by ephemeral-static ECDH key agreement
 * (dhSinglePass-stdDH-sha256/384/512kdf-scheme by curve size, RFC 5753/8418) with AES-256 key wrap. Content: AES-256-CBC
 * EnvelopedData ({@code smime-type=enveloped-data}) by default, or AES-256-GCM AuthEnvelopedData
 * ({@code smime-type=authEnveloped-data}, RFC 5083/5084). The envelope headers (From, To, Cc, Date, Message-ID,
 * Subject, In-Reply-To, References) stay outside; the body with its content headers is what is encrypted; with header
 * protection ({@link HeaderProtection}) the real Subject travels inside and the outer one is neutral. Uses BouncyCastle's
 * CMS classes only (no bcmail, no mailcap: see james-notes.md on the class-loader trap).
 */
public final class SmimeEncryptor {
    public enum KeyTransport { RSA_OAEP_SHA256, RSA_PKCS1_V15 }

    private static final List<String> OUTER_HEADERS = List.of("From", "Sender", "Reply-To", "To", "Cc", "Date",
        "Message-ID", "Subject", "In-Reply-To", "References", "MIME-Version");

    /** BouncyCastle's provider as an object, not registered JVM-wide: James and other extensions keep theirs. */
    static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /**
     * The bulk AES of the JDK (SunJCE), which uses the CPU's AES instructions; BouncyCastle's own AES is plain Java and
     * measured 4-8 times slower on large messages (bench/README.md). BouncyCastle's provider when SunJCE is absent.
     */
    static final java.security.Provider CONTENT_PROVIDER = java.util.Optional.ofNullable(java.security.Security.getProvider("SunJCE"))
        .orElse(PROVIDER);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EncryptionOptions options;

    public SmimeEncryptor(KeyTransport keyTransport) {
        this(EncryptionOptions.defaults().withKeyTransport(keyTransport));
    }

    public SmimeEncryptor(EncryptionOptions options) {
        this.options = options;
    }

    public MimeMessage encrypt(MimeMessage message, X509Certificate recipient, X509Certificate escrow) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        try {
            byte[] inner = innerPart(message, options);
            String smimeType;
            byte[] encoded;
            if (options.contentEncryption() == EncryptionOptions.ContentEncryption.AES_256_GCM) {
                CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
                generator.addRecipientInfoGenerator(recipientInfo(recipient));
                generator.addRecipientInfoGenerator(recipientInfo(escrow));
                encoded = generator.generate(new ChunkedContent(inner), 
                    new GcmContentEncryptor(CONTENT_PROVIDER, RANDOM)).getEncoded();
                smimeType = "authEnveloped-data";
            } else {
                CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
                generator.addRecipientInfoGenerator(recipientInfo(recipient));
                generator.addRecipientInfoGenerator(recipientInfo(escrow));
                encoded = generator.generate(new ChunkedContent(inner),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(CONTENT_PROVIDER).setSecureRandom(RANDOM).build()).getEncoded();
                smimeType = "enveloped-data";
            }

            MimeMessage encrypted = new MimeMessage(Session.getInstance(new java.util.Properties()));
            for (String name : OUTER_HEADERS) {
                String[] values = message.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        encrypted.addHeader(name, value);
                    }
                }
            }
            if (options.protectsHeaders()) {
                encrypted.setHeader("Subject", options.outerSubject().get());
            }
            String contentType = "application/pkcs7-mime; smime-type=" + smimeType + "; name=\"smime.p7m\"";
            encrypted.setDataHandler(new javax.activation.DataHandler(new javax.mail.util.ByteArrayDataSource(encoded, contentType)));
            encrypted.setHeader("Content-Type", contentType);
            encrypted.setHeader("Content-Disposition", "attachment; filename=\"smime.p7m\"");
            encrypted.setHeader("Content-Transfer-Encoding", "base64");
            encrypted.saveChanges();
            if (messageId != null) {
                encrypted.setHeader("Message-ID", messageId[0]);
            }
            return encrypted;
        } catch (CMSException | IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new MessagingException("ENC-1: encryption failed: " + e.getClass().getSimpleName()
                + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : ""), e);
        }
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        return switch (algorithm) {
            case "RSA" -> keyTransport(certificate);
            case "EC" -> keyAgreement(certificate);
            default -> throw new IllegalArgumentException("a certificate's key is " + algorithm + "; only RSA and EC keys can be encrypted to");
        };
    }

    private RecipientInfoGenerator keyTransport(X509Certificate certificate) throws GeneralSecurityException {
        if (options.keyTransport() == KeyTransport.RSA_PKCS1_V15) {
            return new JceKeyTransRecipientInfoGenerator(certificate).setProvider(PROVIDER);
        }
        AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP,
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return new JceKeyTransRecipientInfoGenerator(certificate, oaep).setProvider(PROVIDER);
    }

    /** Ephemeral-static ECDH: a fresh key pair on the recipient's curve for every message and certificate. */
    private static RecipientInfoGenerator keyAgreement(X509Certificate certificate) throws GeneralSecurityException {
        ECPublicKey key = (ECPublicKey) certificate.getPublicKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
        generator.initialize(key.getParams(), RANDOM);
        KeyPair ephemeral = generator.generateKeyPair();
        int bits = key.getParams().getOrder().bitLength();
        // RFC 5753 / RFC 8418 pairing: the KDF's hash matches the curve's strength.
        ASN1ObjectIdentifier scheme = bits > 384 ? CMSAlgorithm.ECDH_SHA512KDF
            : bits > 256 ? CMSAlgorithm.ECDH_SHA384KDF : CMSAlgorithm.ECDH_SHA256KDF;
        return new JceKeyAgreeRecipientInfoGenerator(scheme, ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
            .setProvider(PROVIDER).setSecureRandom(RANDOM).addRecipient(certificate);
    }

    static byte[] innerPart(MimeMessage built) throws MessagingException, IOException {
        return innerPart(built, EncryptionOptions.defaults());
    }

    /** The part that gets encrypted: the message's content with its content headers (and protected headers), as a MIME entity. */
    static byte[] innerPart(MimeMessage built, EncryptionOptions options) throws MessagingException, IOException {
        // Through its wire form: the raw content of a message built in memory exists only once it is written.
        ByteSink wire = new ByteSink(built.getSize() + 8192);
        built.writeTo(wire);
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()), wire.asInput());
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", message.getContentType());
        String[] encoding = message.getHeader("Content-Transfer-Encoding");
        if (encoding != null) {
            headers.setHeader("Content-Transfer-Encoding", encoding[0]);
        }
        if (options.protectsHeaders()) {
            HeaderProtection.inject(message, headers, options.outerSubject().get());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(wire.size() + 1024);
        for (String line : java.util.Collections.list(headers.getAllHeaderLines())) {
            out.writeBytes((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        try (java.io.InputStream in = message.getRawInputStream()) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }
}
