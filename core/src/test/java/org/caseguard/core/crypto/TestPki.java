package org.caseguard.core.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for tests: a root, optionally an intermediate, and S/MIME leaves of every kind. Shared
 * through core's test jar with the end-to-end tests.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Issued(X509Certificate certificate, KeyPair keys) {
    }

    public static final Instant NOW = Instant.now();

    public static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    public static Issued authority(String name, Issued issuer) throws Exception {
        KeyPair keys = rsaKeys();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
            issuer == null ? subject : new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
            BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(NOW.minus(400, ChronoUnit.DAYS)),
            Date.from(NOW.plus(3650, ChronoUnit.DAYS)), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        KeyPair signer = issuer == null ? keys : issuer.keys();
        return new Issued(new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate()))), keys);
    }

    public static LeafBuilder leaf(String email, Issued issuer) {
        return new LeafBuilder(email, issuer);
    }

    public static final class LeafBuilder {
        private final String email;
        private final Issued issuer;
        private Instant notBefore = NOW.minus(30, ChronoUnit.DAYS);
        private Instant notAfter = NOW.plus(365, ChronoUnit.DAYS);
        private int keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        private KeyPurposeId extendedKeyUsage = KeyPurposeId.id_kp_emailProtection;
        private String sanEmail;

        private LeafBuilder(String email, Issued issuer) {
            this.email = email;
            this.issuer = issuer;
            this.sanEmail = email;
        }

        public LeafBuilder valid(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public LeafBuilder keyUsage(int usage) {
            this.keyUsage = usage;
            return this;
        }

        public LeafBuilder extendedKeyUsage(KeyPurposeId purpose) {
            this.extendedKeyUsage = purpose;
            return this;
        }

        public LeafBuilder sanEmail(String address) {
            this.sanEmail = address;
            return this;
        }

        public Issued issue() throws Exception {
            KeyPair keys = rsaKeys();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer.certificate().getSubjectX500Principal().getName()), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + email), keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, sanEmail)));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
            return new Issued(new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.keys().getPrivate()))), keys);
        }
    }

    public static X509CRL crl(Issued issuer, Instant nextUpdate, X509Certificate... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
            Date.from(NOW.minus(1, ChronoUnit.DAYS)));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(NOW.minus(2, ChronoUnit.DAYS)), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.keys().getPrivate())));
    }
}
