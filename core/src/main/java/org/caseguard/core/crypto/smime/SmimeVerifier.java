package org.caseguard.core.crypto.smime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * ENC-4: verifies an S/MIME signature, detached ({@code multipart/signed}) or opaque ({@code signed-data}): the signer's certificate from the
 * signature, and whether the signature matches the signed part's bytes. Whether that certificate is trusted is a
 * separate question (the certificate store's validation); this says whether the content is what was signed.
 */
public final class SmimeVerifier {

    public SignatureCheck verify(MimeMessage message) throws MessagingException {
        try {
            if (isOpaqueSigned(message)) {
                return check(opaque(message));
            }
            if (!message.isMimeType("multipart/signed")) {
                return SignatureCheck.unsigned();
            }
            MimeMultipart multipart = (MimeMultipart) message.getContent();
            if (multipart.getCount() != 2) {
                return new SignatureCheck(true, false, Optional.empty(), "a signed message must have two parts, has " + multipart.getCount());
            }
            BodyPart content = multipart.getBodyPart(0);
            ByteArrayOutputStream signedBytes = new ByteArrayOutputStream();
            content.writeTo(signedBytes);
            byte[] signature;
            try (java.io.InputStream in = multipart.getBodyPart(1).getInputStream()) {
                signature = in.readAllBytes();
            }
            return check(new CMSSignedData(new CMSProcessableByteArray(signedBytes.toByteArray()), signature));
        } catch (Exception e) {
            return new SignatureCheck(true, false, Optional.empty(), "the signature cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Opaque signing ({@code application/pkcs7-mime; smime-type=signed-data}, what {@code openssl cms -sign -nodetach} makes). */
    public static boolean isOpaqueSigned(MimeMessage message) throws MessagingException {
        if (!message.isMimeType("application/pkcs7-mime") && !message.isMimeType("application/x-pkcs7-mime")) {
            return false;
        }
        String type = new ContentType(message.getContentType()).getParameter("smime-type");
        return type != null && type.equalsIgnoreCase("signed-data");
    }

    /**
     * The content an opaque signature covers, with the outer headers (From, To, Subject...), so that it is scanned and
     * read like any other mail; empty when the message is not opaque-signed or cannot be read.
     */
    public static Optional<MimeMessage> unwrapOpaque(MimeMessage message) throws MessagingException {
        if (!isOpaqueSigned(message)) {
            return Optional.empty();
        }
        try {
            Object content = opaque(message).getSignedContent().getContent();
            return content instanceof byte[] bytes ? Optional.of(SmimeDecryptor.withOuterHeaders(message, bytes)) : Optional.empty();
        } catch (CMSException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CMSSignedData opaque(MimeMessage message) throws CMSException, IOException, MessagingException {
        try (InputStream in = message.getInputStream()) {
            return new CMSSignedData(in.readAllBytes());
        }
    }

    private static SignatureCheck check(CMSSignedData signed) {
        try {
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
                if (matches.isEmpty()) {
                    return new SignatureCheck(true, false, Optional.empty(), "the signer's certificate is not in the signature");
                }
                X509Certificate certificate = new JcaX509CertificateConverter().setProvider(SmimeEncryptor.PROVIDER)
                    .getCertificate(matches.iterator().next());
                boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(SmimeEncryptor.PROVIDER).build(certificate));
                return new SignatureCheck(true, valid, Optional.of(certificate), valid ? "valid"
                    : "the content does not match the signature (changed after signing)");
            }
            return new SignatureCheck(true, false, Optional.empty(), "the signature has no signer");
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return new SignatureCheck(true, false, Optional.empty(), "the content does not match the signature (changed after signing)");
        } catch (Exception e) {
            return new SignatureCheck(true, false, Optional.empty(), "the signature cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
