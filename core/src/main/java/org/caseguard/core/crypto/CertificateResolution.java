package org.caseguard.core.crypto;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * ENC-1/ENC-2: the certificate to encrypt to for one recipient, or why there is none. {@code refusals} give a
 * reason an admin can act on for every stored certificate that was not usable (expired, not yet valid, wrong key
 * usage, address not in its subject alternative names, untrusted chain, revoked), without naming the address.
 */
public record CertificateResolution(Optional<X509Certificate> certificate, List<String> refusals) {
    public CertificateResolution {
        refusals = List.copyOf(refusals);
    }

    public static CertificateResolution usable(X509Certificate certificate, List<String> refusals) {
        return new CertificateResolution(Optional.of(certificate), refusals);
    }

    public static CertificateResolution none(List<String> refusals) {
        return new CertificateResolution(Optional.empty(), refusals);
    }
}
