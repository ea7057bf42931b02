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

import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * ENC-4: opens S/MIME enveloped mail addressed to the agency with the agency's key: EnvelopedData or AES-GCM
 * AuthEnvelopedData, the key wrapped by RSA key transport or by ECDH key agreement (an EC agency key). A Subject the
 * sender protected inside the encrypted part replaces the neutral outer one. The result is the message with
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
            ContentInfo content = ContentInfo.getInstance(in.readAllBytes());
            boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(content.getContentType());
            RecipientInformationStore recipients = authenticated ? new CMSAuthEnvelopedData(content).getRecipientInfos()
                : new CMSEnvelopedData(content).getRecipientInfos();
            RecipientInformation recipient = recipients.get(new JceKeyTransRecipientId(certificate));
            if (recipient == null) {
                recipient = recipients.get(new JceKeyAgreeRecipientId(certificate));
            }
            if (recipient == null) {
                return Optional.empty();
            }
            byte[] inner = recipient.getContent(opener(recipient instanceof KeyAgreeRecipientInformation, authenticated));
            return Optional.of(withOuterHeaders(message, inner));
        } catch (CMSException | IOException | IllegalArgumentException e) {
            // Not CMS at all, or for this certificate but unreadable (wrong key, changed after encryption): left as received.
            return Optional.empty();
        }
    }

    private Recipient opener(boolean keyAgreement, boolean authenticated) {
        if (keyAgreement) {
            return (authenticated ? new KeyAgreeAuthEnvelopedRecipient(key) : new JceKeyAgreeEnvelopedRecipient(key))
                .setProvider(SmimeEncryptor.PROVIDER).setContentProvider(SmimeEncryptor.CONTENT_PROVIDER);
        }
        return (authenticated ? new KeyTransAuthEnvelopedRecipient(key) : new JceKeyTransEnvelopedRecipient(key))
            .setProvider(SmimeEncryptor.PROVIDER).setContentProvider(SmimeEncryptor.CONTENT_PROVIDER);
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
        result.setHeader("Content-Type", HeaderProtection.unmarked(inner.getContentType()));
        java.util.Optional<String> protectedSubject = HeaderProtection.protectedSubject(inner);
        if (protectedSubject.isPresent()) {
            result.setHeader("Subject", protectedSubject.get());
        }
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
