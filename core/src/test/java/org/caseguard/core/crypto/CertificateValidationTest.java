package org.caseguard.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.crypto.TestPki.NOW;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.caseguard.core.crypto.CertificateValidation.Candidate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ENC-1/ENC-2: which stored certificate may be encrypted to, and why each other one may not. */
class CertificateValidationTest {
    private static final String DANA = "dana@mail.test";
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued strangerRoot;

    @BeforeAll
    static void authorities() throws Exception {
        root = TestPki.authority("Test Root CA", null);
        intermediate = TestPki.authority("Test Issuing CA", root);
        strangerRoot = TestPki.authority("Unknown CA", null);
    }

    private static CertificateValidation trusting(CrlPolicy policy, java.security.cert.X509CRL... crls) {
        return new CertificateValidation(List.of(root.certificate()), List.of(intermediate.certificate()), List.of(crls), policy);
    }

    private static String refusal(TestPki.Issued leaf) {
        return trusting(CrlPolicy.OFF).refusal(new Candidate(leaf.certificate(), false), DANA, NOW).orElse("usable");
    }

    @Test
    void enc1ACertificateFromTheIntermediateOfATrustedRootIsUsable() throws Exception {
        assertThat(refusal(TestPki.leaf(DANA, intermediate).issue())).isEqualTo("usable");
    }

    @Test
    void enc2ExpiredAndNotYetValidAreRefusedWithTheDate() throws Exception {
        assertThat(refusal(TestPki.leaf(DANA, intermediate).valid(NOW.minus(400, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)).issue()))
            .contains("expired on");
        assertThat(refusal(TestPki.leaf(DANA, intermediate).valid(NOW.plus(2, ChronoUnit.DAYS), NOW.plus(400, ChronoUnit.DAYS)).issue()))
            .contains("not valid before");
    }

    @Test
    void enc2WrongKeyUsageOrExtendedKeyUsageIsRefused() throws Exception {
        assertThat(refusal(TestPki.leaf(DANA, intermediate).keyUsage(KeyUsage.digitalSignature).issue()))
            .contains("does not allow key encipherment");
        assertThat(refusal(TestPki.leaf(DANA, intermediate).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue()))
            .contains("does not include email protection");
    }

    @Test
    void enc2AnAddressNotInTheSubjectAlternativeNamesIsRefusedAndTheDomainCaseDoesNotMatter() throws Exception {
        TestPki.Issued other = TestPki.leaf(DANA, intermediate).sanEmail("dana.other@mail.test").issue();
        assertThat(refusal(other)).contains("not in its subject alternative names").doesNotContain("dana");
        TestPki.Issued upperDomain = TestPki.leaf(DANA, intermediate).sanEmail("dana@MAIL.test").issue();
        assertThat(refusal(upperDomain)).isEqualTo("usable");
    }

    @Test
    void enc2AnUntrustedChainIsRefusedUnlessPinned() throws Exception {
        TestPki.Issued untrusted = TestPki.leaf(DANA, strangerRoot).issue();
        assertThat(refusal(untrusted)).contains("does not chain to a trusted authority").contains("Unknown CA").contains("pin");
        assertThat(trusting(CrlPolicy.OFF).refusal(new Candidate(untrusted.certificate(), true), DANA, NOW)).isEmpty();
    }

    @Test
    void enc2ARevokedCertificateIsRefusedAndARequiredCrlThatIsMissingOrStaleFailsClosed() throws Exception {
        TestPki.Issued revoked = TestPki.leaf(DANA, intermediate).issue();
        TestPki.Issued fine = TestPki.leaf(DANA, intermediate).issue();
        java.security.cert.X509CRL crl = TestPki.crl(intermediate, NOW.plus(7, ChronoUnit.DAYS), revoked.certificate());
        assertThat(trusting(CrlPolicy.WHEN_AVAILABLE, crl).refusal(new Candidate(revoked.certificate(), false), DANA, NOW))
            .hasValueSatisfying(reason -> assertThat(reason).contains("revoked on"));
        assertThat(trusting(CrlPolicy.WHEN_AVAILABLE, crl).refusal(new Candidate(fine.certificate(), false), DANA, NOW)).isEmpty();
        assertThat(trusting(CrlPolicy.WHEN_AVAILABLE).refusal(new Candidate(fine.certificate(), false), DANA, NOW)).isEmpty();
        assertThat(trusting(CrlPolicy.REQUIRED).refusal(new Candidate(fine.certificate(), false), DANA, NOW))
            .hasValueSatisfying(reason -> assertThat(reason).contains("CRL").contains("required"));
        java.security.cert.X509CRL stale = TestPki.crl(intermediate, NOW.minus(1, ChronoUnit.HOURS));
        assertThat(trusting(CrlPolicy.REQUIRED, stale).refusal(new Candidate(fine.certificate(), false), DANA, NOW)).isPresent();
    }

    @Test
    void enc1OfTwoValidCertificatesTheNewestIsChosenAndTheRefusalsOfOthersAreKept() throws Exception {
        TestPki.Issued older = TestPki.leaf(DANA, intermediate).valid(NOW.minus(300, ChronoUnit.DAYS), NOW.plus(60, ChronoUnit.DAYS)).issue();
        TestPki.Issued newer = TestPki.leaf(DANA, intermediate).valid(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(700, ChronoUnit.DAYS)).issue();
        TestPki.Issued expired = TestPki.leaf(DANA, intermediate).valid(NOW.minus(900, ChronoUnit.DAYS), NOW.minus(500, ChronoUnit.DAYS)).issue();
        CertificateResolution resolution = trusting(CrlPolicy.OFF).choose(List.of(new Candidate(older.certificate(), false),
            new Candidate(expired.certificate(), false), new Candidate(newer.certificate(), false)), DANA, NOW);
        assertThat(resolution.certificate()).contains(newer.certificate());
        assertThat(resolution.refusals()).singleElement().asString().contains("expired on");
    }

    @Test
    void enc2NoCertificateAtAllSaysWhatToDo() {
        CertificateResolution resolution = trusting(CrlPolicy.OFF).choose(List.of(), DANA, NOW);
        assertThat(resolution.certificate()).isEmpty();
        assertThat(resolution.refusals()).singleElement().asString().contains("import one");
    }
}
