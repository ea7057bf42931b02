package org.caseguard.core.crypto.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * ENC-4: opens S/MIME enveloped mail addressed to the agency with the agency's key. The result is the message with
 * its outer envelope headers and the decrypted body, or empty when the message is not for this key (the caller then
 * delivers it as received, flagged). Never throws on content it cannot open: that is a result, not an error.
 */
public final class SmimeDecryptor {
    private final PrivateKey key;
    private final X509Certificate certificate;

    public SmimeDecryptor(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    public static boolean isEnveloped(MimeMessage message) throws MessagingException {
        String type = message.getContentType();
        return type != null && (type.toLowerCase(java.util.Locale.ROOT).startsWith("application/pkcs7-mime")
            || type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-pkcs7-mime"))
            && !type.toLowerCase(java.util.Locale.ROOT).contains("signed-data");
    }

    public Optional<MimeMessage> decrypt(MimeMessage message) throws MessagingException {
        if (!isEnveloped(message)) {
            return Optional.empty();
        }
        try (InputStream in = message.getInputStream()) {
            CMSEnvelopedData enveloped = new CMSEnvelopedData(in);
            RecipientInformation recipient = enveloped.getRecipientInfos().get(new JceKeyTransRecipientId(certificate));
            if (recipient == null) {
                return Optional.empty();
            }
            byte[] inner = recipient.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(SmimeEncryptor.PROVIDER));
            return Optional.of(withOuterHeaders(message, inner));
        } catch (CMSException | IOException e) {
            return Optional.empty();
        }
    }

    /** The outer headers (From, To, Subject...) with the decrypted entity's content headers and body. */
    static MimeMessage withOuterHeaders(MimeMessage outer, byte[] innerEntity) throws MessagingException {
        MimeMessage inner = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(innerEntity));
        MimeMessage result = new MimeMessage(outer);
        try {
            result.setContent(inner.getContent(), inner.getContentType());
        } catch (IOException e) {
            throw new MessagingException("ENC-4: decrypted content unreadable", e);
        }
        result.setHeader("Content-Type", inner.getContentType());
        String[] encoding = inner.getHeader("Content-Transfer-Encoding");
        if (encoding == null) {
            result.removeHeader("Content-Transfer-Encoding");
        }
        result.removeHeader("Content-Disposition");
        result.saveChanges();
        String[] messageId = outer.getHeader("Message-ID");
        if (messageId != null) {
            result.setHeader("Message-ID", messageId[0]);
        }
        return result;
    }
}
