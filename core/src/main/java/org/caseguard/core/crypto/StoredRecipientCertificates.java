package org.caseguard.core.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /**
     * ENC-4: whether the signer of inbound mail from {@code fromAddress} is trusted now (see
     * {@link CertificateValidation#signerRefusal}); a signer certificate an admin stored and pinned counts as pinned.
     */
    public Optional<String> signerRefusal(X509Certificate signer, String fromAddress, Instant at) {
        boolean pinned = store.forAddress(fromAddress).stream().anyMatch(stored -> stored.pinned() && stored.certificate().equals(signer));
        return validation.get().signerRefusal(new CertificateValidation.Candidate(signer, pinned), fromAddress, at);
    }

    /**
     * ENC-4 harvesting: stores a trusted signer's certificate as the sender's recipient certificate when it is usable to
     * encrypt to {@code fromAddress} now; true when it is (already or newly) stored.
     */
    public boolean harvest(X509Certificate signer, String fromAddress, Instant at, String addedBy) {
        if (validation.get().refusal(new CertificateValidation.Candidate(signer, false), fromAddress, at).isPresent()) {
            return false;
        }
        store.add(signer, CertificateStore.Role.RECIPIENT, addedBy);
        return true;
    }
}
