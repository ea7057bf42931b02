package org.caseguard.core.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import org.caseguard.core.registry.RegistryCache;

/**
 * {@link RecipientCertificates} over the {@link CertificateStore}: the anchors, intermediates and CRLs are cached per
 * registry version; the recipient's certificates are read per lookup (one indexed query), and the newest usable one
 * is chosen by {@link CertificateValidation}.
 */
public final class StoredRecipientCertificates implements RecipientCertificates {
    private final CertificateStore store;
    private final RegistryCache<CertificateValidation> validation;

    public StoredRecipientCertificates(CertificateStore store, LongSupplier registryVersion, CrlPolicy crlPolicy) {
        this.store = store;
        this.validation = new RegistryCache<>(registryVersion, () -> {
            List<CertificateStore.Stored> all = store.all();
            List<X509Certificate> anchors = all.stream().filter(stored -> stored.role() == CertificateStore.Role.ANCHOR)
                .map(CertificateStore.Stored::certificate).toList();
            List<X509Certificate> intermediates = all.stream().filter(stored -> stored.role() == CertificateStore.Role.INTERMEDIATE)
                .map(CertificateStore.Stored::certificate).toList();
            return new CertificateValidation(anchors, intermediates, store.crls(), crlPolicy);
        });
    }

    @Override
    public CertificateResolution resolve(String address, Instant at) {
        List<CertificateValidation.Candidate> candidates = store.forAddress(address).stream()
            .map(stored -> new CertificateValidation.Candidate(stored.certificate(), stored.pinned())).toList();
        return validation.get().choose(candidates, address, at);
    }
}
