package org.caseguard.core.crypto.smime;

import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * ENC-4: verifies a detached S/MIME signature ({@code multipart/signed}): the signer's certificate from the
 * signature, and whether the signature matches the signed part's bytes. Whether that certificate is trusted is a
 * separate question (the certificate store's validation); this says whether the content is what was signed.
 */
public final class SmimeVerifier {

    public SignatureCheck verify(MimeMessage message) throws MessagingException {
        try {
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
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(signedBytes.toByteArray()), signature);
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
