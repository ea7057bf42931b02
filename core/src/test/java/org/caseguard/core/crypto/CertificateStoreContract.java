package org.caseguard.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseguard.core.crypto.TestPki.NOW;

import java.time.temporal.ChronoUnit;

import org.caseguard.core.registry.RegistryStore;
import org.junit.jupiter.api.Test;

/** The certificate store and the choice of certificate over it, on every backend. */
abstract class CertificateStoreContract {
    abstract RegistryStore registry();

    @Test
    void enc1ImportedCertificatesAreFoundByTheirAddressAndChosenByValidation() throws Exception {
        TestPki.Issued root = TestPki.authority("Root", null);
        TestPki.Issued intermediate = TestPki.authority("Issuing", root);
        TestPki.Issued older = TestPki.leaf("dana@mail.test", intermediate).valid(NOW.minus(200, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS)).issue();
        TestPki.Issued newer = TestPki.leaf("dana@mail.test", intermediate).issue();
        CertificateStore store = registry().certificates();
        long before = registry().version();

        store.add(root.certificate(), CertificateStore.Role.ANCHOR, "admin");
        store.add(intermediate.certificate(), CertificateStore.Role.INTERMEDIATE, "admin");
        String olderFingerprint = store.add(older.certificate(), CertificateStore.Role.RECIPIENT, "admin");
        store.add(newer.certificate(), CertificateStore.Role.RECIPIENT, "admin");
        assertThat(store.add(older.certificate(), CertificateStore.Role.RECIPIENT, "admin")).isEqualTo(olderFingerprint);

        assertThat(registry().version()).isGreaterThan(before);
        assertThat(store.forAddress("dana@MAIL.TEST")).hasSize(2);
        assertThat(store.forAddress("lee@mail.test")).isEmpty();
        StoredRecipientCertificates certificates = new StoredRecipientCertificates(store, registry()::version, CrlPolicy.WHEN_AVAILABLE);
        assertThat(certificates.resolve("dana@mail.test", NOW).certificate()).contains(newer.certificate());

        store.addCrl(TestPki.crl(intermediate, NOW.plus(7, ChronoUnit.DAYS), newer.certificate()), "admin");
        CertificateResolution afterRevocation = certificates.resolve("dana@mail.test", NOW);
        assertThat(afterRevocation.certificate()).contains(older.certificate());
        assertThat(afterRevocation.refusals()).singleElement().asString().contains("revoked");

        assertThat(store.remove(olderFingerprint)).isTrue();
        assertThat(certificates.resolve("dana@mail.test", NOW).certificate()).isEmpty();
    }

    @Test
    void enc2AnUntrustedCertificateBecomesUsableOnlyWhenPinned() throws Exception {
        TestPki.Issued unknown = TestPki.authority("Unknown", null);
        TestPki.Issued leaf = TestPki.leaf("sam@mail.test", unknown).issue();
        CertificateStore store = registry().certificates();
        String fingerprint = store.add(leaf.certificate(), CertificateStore.Role.RECIPIENT, "admin");
        StoredRecipientCertificates certificates = new StoredRecipientCertificates(store, registry()::version, CrlPolicy.OFF);
        assertThat(certificates.resolve("sam@mail.test", NOW).refusals()).singleElement().asString().contains("does not chain");
        assertThat(store.pin(fingerprint, true)).isTrue();
        assertThat(certificates.resolve("sam@mail.test", NOW).certificate()).contains(leaf.certificate());
    }

    @Test
    void aCertificateNamingNoEmailAddressIsRejectedWithTheReason() throws Exception {
        TestPki.Issued root = TestPki.authority("Root", null);
        assertThatThrownBy(() -> registry().certificates().add(root.certificate(), CertificateStore.Role.RECIPIENT, "admin"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject alternative names");
    }
}
