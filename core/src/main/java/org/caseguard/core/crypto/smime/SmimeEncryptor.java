package org.caseguard.core.crypto.smime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * ENC-1: encrypts a message for one recipient's certificate and the agency's escrow certificate (so the agency can
 * still read its own record), as S/MIME {@code application/pkcs7-mime; smime-type=enveloped-data}: AES-256-CBC
 * content encryption, RSA-OAEP with SHA-256 key transport by default, RSA PKCS#1 v1.5 for old clients. The
 * envelope headers (From, To, Cc, Date, Message-ID, Subject, In-Reply-To, References) stay outside; the body with
 * its content headers is what is encrypted. Uses the JDK's providers through BouncyCastle's CMS classes only (no
 * bcmail, no mailcap: see james-notes.md on the class-loader trap).
 */
public final class SmimeEncryptor {
    public enum KeyTransport { RSA_OAEP_SHA256, RSA_PKCS1_V15 }

    private static final List<String> OUTER_HEADERS = List.of("From", "Sender", "Reply-To", "To", "Cc", "Date",
        "Message-ID", "Subject", "In-Reply-To", "References", "MIME-Version");

    /** BouncyCastle's provider as an object, not registered JVM-wide: James and other extensions keep theirs. */
    static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final KeyTransport keyTransport;

    public SmimeEncryptor(KeyTransport keyTransport) {
        this.keyTransport = keyTransport;
    }

    public MimeMessage encrypt(MimeMessage message, X509Certificate recipient, X509Certificate escrow) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo(recipient));
            generator.addRecipientInfoGenerator(recipientInfo(escrow));
            CMSEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(innerPart(message)),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(PROVIDER).build());

            MimeMessage encrypted = new MimeMessage(Session.getInstance(new java.util.Properties()));
            for (String name : OUTER_HEADERS) {
                String[] values = message.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        encrypted.addHeader(name, value);
                    }
                }
            }
            encrypted.setDataHandler(new javax.activation.DataHandler(new javax.mail.util.ByteArrayDataSource(enveloped.getEncoded(),
                "application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"")));
            encrypted.setHeader("Content-Type", "application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"");
            encrypted.setHeader("Content-Disposition", "attachment; filename=\"smime.p7m\"");
            encrypted.setHeader("Content-Transfer-Encoding", "base64");
            encrypted.saveChanges();
            if (messageId != null) {
                encrypted.setHeader("Message-ID", messageId[0]);
            }
            return encrypted;
        } catch (CMSException | IOException | java.security.GeneralSecurityException e) {
            throw new MessagingException("ENC-1: encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private JceKeyTransRecipientInfoGenerator recipientInfo(X509Certificate certificate)
        throws CertificateEncodingException, java.security.GeneralSecurityException {
        if (keyTransport == KeyTransport.RSA_PKCS1_V15) {
            return new JceKeyTransRecipientInfoGenerator(certificate).setProvider(PROVIDER);
        }
        AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP,
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return new JceKeyTransRecipientInfoGenerator(certificate, oaep).setProvider(PROVIDER);
    }

    /** The part that gets encrypted: the message's content with its content headers, as a MIME entity. */
    static byte[] innerPart(MimeMessage built) throws MessagingException, IOException {
        // Through its wire form: the raw content of a message built in memory exists only once it is written.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(wire.toByteArray()));
        javax.mail.internet.InternetHeaders headers = new javax.mail.internet.InternetHeaders();
        headers.setHeader("Content-Type", message.getContentType());
        String[] encoding = message.getHeader("Content-Transfer-Encoding");
        if (encoding != null) {
            headers.setHeader("Content-Transfer-Encoding", encoding[0]);
        }
        byte[] raw;
        try (java.io.InputStream in = message.getRawInputStream()) {
            raw = in.readAllBytes();
        }
        MimeBodyPart part = new MimeBodyPart(headers, raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }
}
