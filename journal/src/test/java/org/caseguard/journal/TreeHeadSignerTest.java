package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed tree heads (JRN-4): Ed25519 by default, keys from PKCS#12 or PEM, passwords only from env or file. */
class TreeHeadSignerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30.123Z"), ZoneOffset.UTC);
    static final TreeState STATE = new TreeState(8, MerkleTreeTest.ROOTS.get(8));

    @TempDir
    Path dir;

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void aSignedHeadVerifiesWithThePublicKeyAloneAfterAJsonRoundTrip() throws Exception {
        KeyPair keys = ed25519();
        TreeHeadSigner signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK);
        SignedTreeHead head = signer.sign(STATE);

        String json = head.toJson();
        assertThat(json).contains("\"treeSize\":8", "\"timestampMillis\":" + CLOCK.millis(), "\"rootHash\":\"" + STATE.rootHash().base64() + "\"", "\"algorithm\":\"Ed25519\"");
        SignedTreeHead parsed = SignedTreeHead.fromJson(json);
        assertThat(parsed).isEqualTo(head);
        assertThat(parsed.verify(keys.getPublic())).isTrue();
        assertThat(new String(parsed.signedMessage(), StandardCharsets.US_ASCII))
            .isEqualTo("caseguard-journal-tree-head-v1\n8\n" + CLOCK.millis() + "\n5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n");
    }

    @Test
    void anyChangedFieldOrAnotherKeyFailsVerification() throws Exception {
        KeyPair keys = ed25519();
        SignedTreeHead head = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK).sign(STATE);
        byte[] signature = head.signature();
        signature[5] ^= 1;
        assertThat(new SignedTreeHead(9, head.timestampMillis(), head.rootHash(), head.algorithm(), head.keyId(), head.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new SignedTreeHead(8, head.timestampMillis() + 1, head.rootHash(), head.algorithm(), head.keyId(), head.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new SignedTreeHead(8, head.timestampMillis(), MerkleTreeTest.ROOTS.get(7), head.algorithm(), head.keyId(), head.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new SignedTreeHead(8, head.timestampMillis(), head.rootHash(), head.algorithm(), head.keyId(), signature).verify(keys.getPublic())).isFalse();
        assertThat(head.verify(ed25519().getPublic())).as("another key").isFalse();
    }

    @Test
    void badJsonNamesTheField() {
        assertThatThrownBy(() -> SignedTreeHead.fromJson("{\"treeSize\":\"eight\"}")).hasMessage("tree head 'treeSize' must be a whole number");
        assertThatThrownBy(() -> SignedTreeHead.fromJson("{\"treeSize\":8,\"timestampMillis\":1,\"rootHash\":\"AAAA\",\"algorithm\":\"Ed25519\",\"keyId\":\"x\",\"signature\":\"x\"}"))
            .hasMessageContaining("hash must be 32 bytes");
        assertThatThrownBy(() -> SignedTreeHead.fromJson("{\"treeSize\":8,\"timestampMillis\":1,\"rootHash\":\"" + STATE.rootHash().base64()
            + "\",\"algorithm\":\"RSA\",\"keyId\":\"" + STATE.rootHash().base64() + "\",\"signature\":\"AA==\"}"))
            .hasMessage("tree head 'algorithm' must be Ed25519 or ECDSA-SHA256, got 'RSA'");
    }

    @Test
    void aPkcs12KeystoreMadeByKeytoolWithThePasswordInAFile() throws Exception {
        ExternalTools.runOk(dir, ExternalTools.keytool(), "-genkeypair", "-keyalg", "Ed25519", "-alias", "journal", "-keystore", "journal.p12",
            "-storetype", "PKCS12", "-storepass", "s3cret-pass", "-dname", "CN=caseguard journal", "-validity", "3650");
        Files.writeString(dir.resolve("journal-key-password"), "s3cret-pass\n");
        Properties properties = new Properties();
        properties.setProperty("journal.signing.keystore", "journal.p12");
        properties.setProperty("journal.signing.passwordFile", "journal-key-password");
        TreeHeadSigner signer = TreeHeadSigner.open(properties, dir, CLOCK);
        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(signer.sign(STATE).verify(signer.publicKey())).isTrue();
        assertThat(signer.toString()).doesNotContain("s3cret");

        Files.writeString(dir.resolve("journal-key-password"), "wrong\n");
        assertThatThrownBy(() -> TreeHeadSigner.open(properties, dir, CLOCK))
            .hasMessageContaining("journal.p12 cannot be read (wrong password or not PKCS#12)")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong\n", "s3cret"));
        properties.setProperty("journal.signing.alias", "other");
        Files.writeString(dir.resolve("journal-key-password"), "s3cret-pass\n");
        assertThatThrownBy(() -> TreeHeadSigner.open(properties, dir, CLOCK)).hasMessageContaining("has no key entry 'other'");
    }

    @Test
    void pemKeysMadeByOpensslPlainEncryptedAndEc() throws Exception {
        assumeTrue(ExternalTools.available("openssl"), "openssl is not installed: PEM keys made by openssl not tested");
        ExternalTools.runOk(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        ExternalTools.runOk(dir, "openssl", "pkey", "-in", "ed.pem", "-pubout", "-out", "ed.pub.pem");
        ExternalTools.runOk(dir, "openssl", "pkcs8", "-topk8", "-in", "ed.pem", "-out", "ed.enc.pem", "-passout", "pass:pem-secret");
        ExternalTools.runOk(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        ExternalTools.runOk(dir, "openssl", "pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub.pem");

        Properties plain = new Properties();
        plain.setProperty("journal.signing.privateKeyPem", "ed.pem");
        plain.setProperty("journal.signing.publicKeyPem", "ed.pub.pem");
        TreeHeadSigner ed = TreeHeadSigner.open(plain, dir, CLOCK);
        assertThat(ed.sign(STATE).verify(TreeHeadSigner.readPublicKeyPem(Files.readString(dir.resolve("ed.pub.pem"))))).isTrue();
        assertThat(ed.publicKeyPem()).isEqualToIgnoringNewLines(Files.readString(dir.resolve("ed.pub.pem")));

        Properties encrypted = new Properties();
        encrypted.setProperty("journal.signing.privateKeyPem", "ed.enc.pem");
        encrypted.setProperty("journal.signing.publicKeyPem", "ed.pub.pem");
        assertThatThrownBy(() -> TreeHeadSigner.open(encrypted, dir, CLOCK)).hasMessageContaining("ed.enc.pem is encrypted; give 'journal.signing.passwordEnv'");
        Files.writeString(dir.resolve("pem-password"), "pem-secret");
        encrypted.setProperty("journal.signing.passwordFile", "pem-password");
        assertThat(TreeHeadSigner.open(encrypted, dir, CLOCK).keyId()).isEqualTo(ed.keyId());

        Properties ec = new Properties();
        ec.setProperty("journal.signing.privateKeyPem", "ec.pem");
        ec.setProperty("journal.signing.publicKeyPem", "ec.pub.pem");
        TreeHeadSigner ecSigner = TreeHeadSigner.open(ec, dir, CLOCK);
        assertThat(ecSigner.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(SignedTreeHead.fromJson(ecSigner.sign(STATE).toJson()).verify(ecSigner.publicKey())).isTrue();

        Properties mismatched = new Properties();
        mismatched.setProperty("journal.signing.privateKeyPem", "ed.pem");
        mismatched.setProperty("journal.signing.publicKeyPem", "ec.pub.pem");
        assertThatThrownBy(() -> TreeHeadSigner.open(mismatched, dir, CLOCK)).hasMessageContaining("the public key is EC but the private key is");
    }

    @Test
    void configurationMistakesNameTheKeys() {
        Properties none = new Properties();
        assertThatThrownBy(() -> TreeHeadSigner.open(none, dir, CLOCK)).hasMessageContaining("give exactly one of 'journal.signing.keystore' or 'journal.signing.privateKeyPem'");
        Properties typo = new Properties();
        typo.setProperty("journal.signing.password", "x");
        assertThatThrownBy(() -> TreeHeadSigner.open(typo, dir, CLOCK)).hasMessageContaining("unknown key 'journal.signing.password'");
        Properties noPassword = new Properties();
        noPassword.setProperty("journal.signing.keystore", "journal.p12");
        assertThatThrownBy(() -> TreeHeadSigner.open(noPassword, dir, CLOCK)).hasMessageContaining("needs 'journal.signing.passwordEnv' or 'journal.signing.passwordFile'");
        noPassword.setProperty("journal.signing.passwordEnv", "CASEGUARD_TEST_UNSET_VARIABLE_FOR_JOURNAL");
        assertThatThrownBy(() -> TreeHeadSigner.open(noPassword, dir, CLOCK)).hasMessageContaining("names environment variable CASEGUARD_TEST_UNSET_VARIABLE_FOR_JOURNAL, which is not set");
    }
}
