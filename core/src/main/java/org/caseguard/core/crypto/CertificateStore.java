package org.caseguard.core.crypto;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the S/MIME certificates live (ENC-1, ENC-2): recipients' certificates (looked up by the rfc822Name
 * addresses in their subject alternative names), trust anchors, intermediates, and CRLs. In the registry database,
 * sharing its version counter, so every James node sees an import on its next message.
 */
public interface CertificateStore {
    enum Role { RECIPIENT, ANCHOR, INTERMEDIATE }

    record Stored(X509Certificate certificate, Role role, boolean pinned, String fingerprint) {
    }

    /** Adds (or keeps, if already there) a certificate in a role; returns its SHA-256 fingerprint in hex. */
    String add(X509Certificate certificate, Role role, String addedBy);

    boolean remove(String fingerprint);

    boolean pin(String fingerprint, boolean pinned);

    List<Stored> all();

    /** Recipient certificates naming this address (domain compared in lower case). */
    List<Stored> forAddress(String address);

    String addCrl(X509CRL crl, String addedBy);

    List<X509CRL> crls();
}
