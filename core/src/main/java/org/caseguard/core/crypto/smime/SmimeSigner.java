package org.caseguard.core.crypto.smime;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * ENC-3: signs a message with the agency's key as S/MIME {@code multipart/signed} with a detached
 * {@code application/pkcs7-signature} (SHA-256 with RSA or ECDSA, the signing certificate included). The signature
 * covers the exact bytes of the first part as they are sent.
 */
public final class SmimeSigner {
    private static final List<String> OUTER_HEADERS = List.of("From", "Sender", "Reply-To", "To", "Cc", "Date",
        "Message-ID", "Subject", "In-Reply-To", "References", "MIME-Version");

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String algorithm;

    public SmimeSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        this.algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    }

    public MimeMessage sign(MimeMessage message) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        try {
            byte[] inner = SmimeEncryptor.innerPart(message);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(inner), false);

            MimeBodyPart content = new MimeBodyPart(new ByteArrayInputStream(inner));
            MimeBodyPart signature = new MimeBodyPart();
            signature.setDataHandler(new DataHandler(new ByteArrayDataSource(signed.getEncoded(),
                "application/pkcs7-signature; name=\"smime.p7s\"")));
            signature.setHeader("Content-Type", "application/pkcs7-signature; name=\"smime.p7s\"");
            signature.setHeader("Content-Transfer-Encoding", "base64");
            signature.setHeader("Content-Disposition", "attachment; filename=\"smime.p7s\"");
            MimeMultipart multipart = new MimeMultipart("signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256");
            multipart.addBodyPart(content);
            multipart.addBodyPart(signature);

            MimeMessage result = new MimeMessage(Session.getInstance(new java.util.Properties()));
            for (String name : OUTER_HEADERS) {
                String[] values = message.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        result.addHeader(name, value);
                    }
                }
            }
            result.setContent(multipart);
            result.saveChanges();
            if (messageId != null) {
                result.setHeader("Message-ID", messageId[0]);
            }
            return result;
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("ENC-3: signing failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
