package org.caseguard.core.crypto;

import java.time.Instant;

/**
 * Chooses the certificate to encrypt to for a recipient address at an instant: among the stored certificates for
 * the address, the newest that is valid then, chains to a trust anchor (or is pinned), allows email protection and
 * names the address in its subject alternative names, and is not revoked. Thread-safe.
 */
public interface RecipientCertificates {
    CertificateResolution resolve(String address, Instant at);
}
