package org.caseguard.core.crypto.smime;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed S/MIME certificates made in the test: an email address in the SAN, emailProtection. */
record TestCertificates(KeyPair keys, X509Certificate certificate) {

    static TestCertificates rsa(String email) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return issue(email, generator.generateKeyPair(), "SHA256withRSA",
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }

    static TestCertificates ec(String email) throws Exception {
        return ec(email, "secp256r1");
    }

    /** @param curve secp256r1 (P-256), secp384r1 (P-384) or secp521r1 (P-521) */
    static TestCertificates ec(String email, String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return issue(email, generator.generateKeyPair(), "SHA256withECDSA", KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    }

    private static TestCertificates issue(String email, KeyPair keys, String signature, int keyUsage) throws Exception {
        X500Name name = new X500Name("CN=" + email);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new TestCertificates(keys, certificate);
    }

    String certificatePem() throws Exception {
        return pem(certificate);
    }

    /** PKCS#8 ("PRIVATE KEY"), which openssl reads for RSA and EC alike. */
    String keyPem() throws Exception {
        return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
