package org.caseguard.mailets;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real keys for S/MIME tests: RSA 2048 or EC P-256, a self-signed emailProtection certificate, PKCS#12 and PEM files. */
record SmimeTestKeys(KeyPair keys, X509Certificate certificate) {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    static SmimeTestKeys rsa(String email) throws Exception {
        return issue(email, "RSA", Instant.now().plus(365, ChronoUnit.DAYS));
    }

    static SmimeTestKeys ec(String email) throws Exception {
        return issue(email, "EC", Instant.now().plus(365, ChronoUnit.DAYS));
    }

    static SmimeTestKeys issue(String email, String algorithm, Instant notAfter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(Instant.now().minus(400, ChronoUnit.DAYS)), Date.from(notAfter), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
            | (algorithm.equals("EC") ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new SmimeTestKeys(keys, new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()))));
    }

    /** A PKCS#12 keystore (as BouncyCastle writes it) holding this key under {@code alias}, plus any further entries. */
    Path pkcs12(Path file, String alias, String password, Object... more) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        store.load(null, null);
        store.setKeyEntry(alias, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        for (int i = 0; i < more.length; i += 2) {
            SmimeTestKeys other = (SmimeTestKeys) more[i + 1];
            store.setKeyEntry((String) more[i], other.keys.getPrivate(), password.toCharArray(), new Certificate[] {other.certificate});
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    String certificatePem() throws Exception {
        return pem(certificate);
    }

    String keyPem() throws Exception {
        return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    }

    Path writeCertificate(Path file) throws Exception {
        Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
        return file;
    }

    Path writeKey(Path file) throws Exception {
        Files.writeString(file, keyPem(), StandardCharsets.US_ASCII);
        return file;
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
