package org.caseguard.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.caseguard.core.crypto.smime.SmimeSigner;

/**
 * ENC-3: whether the agency's key and certificate can sign mail that recipients will accept, checked once at
 * startup and before each signature: an RSA (2048 bits or more) or EC key, the certificate within its dates, key
 * usage allowing signatures, extended key usage email protection (or none), and the key belonging to the
 * certificate. The reason names the certificate's subject and what to do, never a password.
 */
public final class SigningKeyCheck {
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int MIN_RSA_BITS = 2048;

    private SigningKeyCheck() {
    }

    public static Optional<String> problem(PrivateKey key, X509Certificate certificate, Instant now) {
        String subject = "the signing certificate (" + certificate.getSubjectX500Principal().getName() + ")";
        String algorithm;
        try {
            algorithm = SmimeSigner.signatureAlgorithm(key, SmimeSigner.Digest.SHA256);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            return Optional.of("the RSA key has " + rsa.getModulus().bitLength() + " bits; use " + MIN_RSA_BITS + " or more");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            return Optional.of(subject + " expired on " + day(certificate.getNotAfter()) + "; renew it and replace the keystore");
        } catch (CertificateNotYetValidException e) {
            return Optional.of(subject + " is not valid before " + day(certificate.getNotBefore()));
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            return Optional.of(subject + " does not allow digital signatures (key usage); get one issued for S/MIME signing");
        }
        try {
            List<String> extended = certificate.getExtendedKeyUsage();
            if (extended != null && !extended.contains(EMAIL_PROTECTION) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
                return Optional.of(subject + " is not for email protection (extended key usage); get one issued for S/MIME");
            }
        } catch (CertificateParsingException e) {
            return Optional.of(subject + " has an unreadable extended key usage");
        }
        if (!belongTogether(key, certificate, algorithm)) {
            return Optional.of("the key does not belong to " + subject + "; check the keystore alias");
        }
        return Optional.empty();
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate, String algorithm) {
        try {
            byte[] probe = "caseguard signing key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String day(Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
