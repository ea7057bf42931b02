package org.caseguard.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** ENC-3: a signing key and certificate that recipients would reject is refused with a reason an admin can act on. */
class SigningKeyCheckTest {

    @Test
    void enc3AUsableSigningCertificatePasses() throws Exception {
        TestPki.Issued ca = TestPki.authority("Agency CA", null);
        TestPki.Issued agency = TestPki.leaf("alice@agency.example", ca).issue();
        assertThat(SigningKeyCheck.problem(agency.keys().getPrivate(), agency.certificate(), TestPki.NOW)).isEmpty();
    }

    @Test
    void enc3ExpiredWrongUsageWrongPurposeAndAForeignKeyAreEachRefusedWithTheReason() throws Exception {
        TestPki.Issued ca = TestPki.authority("Agency CA", null);
        TestPki.Issued expired = TestPki.leaf("alice@agency.example", ca)
            .valid(TestPki.NOW.minus(400, ChronoUnit.DAYS), TestPki.NOW.minus(1, ChronoUnit.DAYS)).issue();
        assertThat(SigningKeyCheck.problem(expired.keys().getPrivate(), expired.certificate(), TestPki.NOW)).get().asString()
            .contains("expired on").contains("renew");

        TestPki.Issued encryptionOnly = TestPki.leaf("alice@agency.example", ca).keyUsage(KeyUsage.keyEncipherment).issue();
        assertThat(SigningKeyCheck.problem(encryptionOnly.keys().getPrivate(), encryptionOnly.certificate(), TestPki.NOW)).get().asString()
            .contains("does not allow digital signatures");

        TestPki.Issued tls = TestPki.leaf("alice@agency.example", ca).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
        assertThat(SigningKeyCheck.problem(tls.keys().getPrivate(), tls.certificate(), TestPki.NOW)).get().asString()
            .contains("not for email protection");

        TestPki.Issued other = TestPki.leaf("bob@agency.example", ca).issue();
        TestPki.Issued alice = TestPki.leaf("alice@agency.example", ca).issue();
        assertThat(SigningKeyCheck.problem(other.keys().getPrivate(), alice.certificate(), TestPki.NOW)).get().asString()
            .contains("does not belong");
    }
}
