package org.caseguard.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Signs tree heads with the journal's key: Ed25519 by default (JDK built-in), or EC (ECDSA with SHA-256). The key comes
 * from a PKCS#12 keystore or from PEM files; any password from an environment variable or a file, never from the
 * configuration itself, and neither the password nor the key is ever logged or put in an exception message.
 * <p>
 * {@code caseguard.properties} keys read by {@link #open(Properties, Path, Clock)}:
 * <ul>
 * <li>{@code journal.signing.keystore}: a PKCS#12 file; {@code journal.signing.alias}: its entry (default: the only
 *     key entry)</li>
 * <li>or {@code journal.signing.privateKeyPem} (PKCS#8, {@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}) and
 *     {@code journal.signing.publicKeyPem} (SubjectPublicKeyInfo, {@code PUBLIC KEY})</li>
 * <li>{@code journal.signing.passwordEnv} (an environment variable's name) or {@code journal.signing.passwordFile}</li>
 * </ul>
 */
public final class TreeHeadSigner {
    private static final Set<String> KNOWN_KEYS = Set.of("journal.signing.keystore", "journal.signing.alias",
        "journal.signing.privateKeyPem", "journal.signing.publicKeyPem", "journal.signing.passwordEnv", "journal.signing.passwordFile");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final Hash keyId;
    private final Clock clock;

    private TreeHeadSigner(PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.algorithm = SignatureAlgorithm.forKey(privateKey);
        if (SignatureAlgorithm.forKey(publicKey) != algorithm) {
            throw new IllegalArgumentException("tree head signing: the public key is " + publicKey.getAlgorithm() + " but the private key is " + privateKey.getAlgorithm());
        }
        this.keyId = SignedTreeHead.keyId(publicKey);
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] probe = "caseguard-journal key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!verifies(probe, signBytes(probe))) {
            throw new IllegalArgumentException("tree head signing: the public key does not belong to the private key");
        }
    }

    public static TreeHeadSigner of(PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        return new TreeHeadSigner(privateKey, publicKey, clock);
    }

    public static TreeHeadSigner open(Properties properties, Path workingDirectory, Clock clock) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("journal.signing.") && !KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("caseguard.properties: unknown key '" + key + "'; known keys are " + new TreeSet<>(KNOWN_KEYS));
            }
        }
        String keystore = properties.getProperty("journal.signing.keystore", "").trim();
        String privatePem = properties.getProperty("journal.signing.privateKeyPem", "").trim();
        String publicPem = properties.getProperty("journal.signing.publicKeyPem", "").trim();
        if (keystore.isEmpty() == privatePem.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: give exactly one of 'journal.signing.keystore' or 'journal.signing.privateKeyPem'");
        }
        if (!keystore.isEmpty()) {
            char[] password = password(properties, workingDirectory);
            if (password == null) {
                throw new IllegalArgumentException("caseguard.properties: a PKCS#12 keystore needs 'journal.signing.passwordEnv' or 'journal.signing.passwordFile'");
            }
            String alias = properties.getProperty("journal.signing.alias", "").trim();
            return fromPkcs12(workingDirectory.resolve(keystore), alias.isEmpty() ? null : alias, password, clock);
        }
        if (publicPem.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.signing.publicKeyPem' is required with 'journal.signing.privateKeyPem'");
        }
        return fromPem(workingDirectory.resolve(privatePem), workingDirectory.resolve(publicPem), password(properties, workingDirectory), clock);
    }

    /**
     * The configured signer, or, when no {@code journal.signing.*} key is set (the embedded default), an Ed25519 key pair
     * generated at first start under {@code var/caseguard} (private key readable by the owner only) and reused after.
     */
    public static TreeHeadSigner openOrGenerate(Properties properties, Path workingDirectory, Clock clock) {
        boolean configured = properties.stringPropertyNames().stream().anyMatch(key -> key.startsWith("journal.signing."));
        if (configured) {
            return open(properties, workingDirectory, clock);
        }
        Path privateKey = workingDirectory.resolve(DEFAULT_PRIVATE_KEY);
        Path publicKey = workingDirectory.resolve(DEFAULT_PUBLIC_KEY);
        if (!Files.exists(privateKey)) {
            generateDefault(privateKey, publicKey);
        }
        return fromPem(privateKey, publicKey, null, clock);
    }

    public static final String DEFAULT_PRIVATE_KEY = "var/caseguard/journal-signing-key.pem";
    public static final String DEFAULT_PUBLIC_KEY = "var/caseguard/journal-signing-public.pem";

    private static void generateDefault(Path privateKey, Path publicKey) {
        try {
            java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(privateKey.getParent());
            Path temporary = privateKey.resolveSibling(privateKey.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            OwnerOnlyFiles.create(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(temporary, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            org.slf4j.LoggerFactory.getLogger(TreeHeadSigner.class).warn("caseguard journal: generated an Ed25519 tree head signing key for the "
                + "embedded default under var/caseguard; in production configure journal.signing.keystore and publish the public key's fingerprint");
        } catch (IOException e) {
            throw new UncheckedIOException("journal signing: the default key could not be written under var/caseguard", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("journal signing: the JDK cannot generate Ed25519 keys", e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    /** Loads the key entry (alias, or the only key entry when alias is null) of a PKCS#12 keystore. */
    public static TreeHeadSigner fromPkcs12(Path keystoreFile, String alias, char[] password, Clock clock) {
        try (InputStream in = Files.newInputStream(keystoreFile)) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, password);
            String entry = alias;
            if (entry == null) {
                List<String> keyEntries = Collections.list(keystore.aliases()).stream().filter(name -> isKeyEntry(keystore, name)).toList();
                if (keyEntries.size() != 1) {
                    throw new IllegalArgumentException("tree head signing: keystore " + keystoreFile.getFileName() + " has " + keyEntries.size()
                        + " key entries; name one with 'journal.signing.alias'");
                }
                entry = keyEntries.get(0);
            }
            if (!keystore.isKeyEntry(entry)) {
                throw new IllegalArgumentException("tree head signing: keystore " + keystoreFile.getFileName() + " has no key entry '" + entry + "'");
            }
            PrivateKey key = (PrivateKey) keystore.getKey(entry, password);
            Certificate certificate = keystore.getCertificate(entry);
            if (certificate == null) {
                throw new IllegalArgumentException("tree head signing: keystore entry '" + entry + "' has no certificate with the public key");
            }
            return new TreeHeadSigner(key, certificate.getPublicKey(), clock);
        } catch (IOException e) {
            throw new IllegalArgumentException("tree head signing: keystore " + keystoreFile.getFileName() + " cannot be read (wrong password or not PKCS#12)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tree head signing: keystore " + keystoreFile.getFileName() + " cannot be opened: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isKeyEntry(KeyStore keystore, String alias) {
        try {
            return keystore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Loads a PKCS#8 private key (encrypted when password is not null) and its public key from PEM files. */
    public static TreeHeadSigner fromPem(Path privateKeyPem, Path publicKeyPem, char[] password, Clock clock) {
        PublicKey publicKey = readPublicKeyPem(read(publicKeyPem));
        PrivateKey privateKey = readPrivateKeyPem(read(privateKeyPem), password, privateKeyPem.getFileName().toString());
        return new TreeHeadSigner(privateKey, publicKey, clock);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("tree head signing: " + file.getFileName() + " cannot be read", e);
        }
    }

    public static PublicKey readPublicKeyPem(String pem) {
        byte[] der = pemBlock(pem, "PUBLIC KEY", "public key PEM");
        for (String algorithm : List.of("Ed25519", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("tree head signing: the public key PEM is neither an Ed25519 nor an EC key");
    }

    private static PrivateKey readPrivateKeyPem(String pem, char[] password, String fileName) {
        try {
            PKCS8EncodedKeySpec spec;
            if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                if (password == null) {
                    throw new IllegalArgumentException("tree head signing: " + fileName + " is encrypted; give 'journal.signing.passwordEnv' or 'journal.signing.passwordFile'");
                }
                EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(pemBlock(pem, "ENCRYPTED PRIVATE KEY", fileName));
                // For PBES2 (what openssl writes) the JDK names the scheme by its parameters, e.g. PBEWithHmacSHA256AndAES_256.
                String scheme = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
                Cipher cipher = Cipher.getInstance(scheme);
                cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
                spec = info.getKeySpec(cipher);
            } else {
                spec = new PKCS8EncodedKeySpec(pemBlock(pem, "PRIVATE KEY", fileName));
            }
            for (String algorithm : List.of("Ed25519", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException("tree head signing: " + fileName + " is neither an Ed25519 nor an EC private key");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tree head signing: " + fileName + " is not a readable PKCS#8 private key (or the password is wrong)", e);
        }
    }

    private static byte[] pemBlock(String pem, String label, String what) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("tree head signing: " + what + " has no '" + begin + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tree head signing: " + what + " has invalid base64 in its '" + label + "' block", e);
        }
    }

    private static char[] password(Properties properties, Path workingDirectory) {
        String env = properties.getProperty("journal.signing.passwordEnv", "").trim();
        String file = properties.getProperty("journal.signing.passwordFile", "").trim();
        if (!env.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: give either 'journal.signing.passwordEnv' or 'journal.signing.passwordFile', not both");
        }
        if (!env.isEmpty()) {
            String password = System.getenv(env);
            if (password == null) {
                throw new IllegalArgumentException("caseguard.properties: 'journal.signing.passwordEnv' names environment variable " + env + ", which is not set");
            }
            return password.toCharArray();
        }
        if (!file.isEmpty()) {
            try {
                return Files.readString(workingDirectory.resolve(file), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("caseguard.properties: 'journal.signing.passwordFile' cannot be read", e);
            }
        }
        return null;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public Hash keyId() {
        return keyId;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key as a PEM SubjectPublicKeyInfo, what third parties need to check tree heads. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public SignedTreeHead sign(TreeState state) {
        long now = clock.millis();
        byte[] message = SignedTreeHead.message(state.treeSize(), now, state.rootHash());
        return new SignedTreeHead(state.treeSize(), now, state.rootHash(), algorithm, keyId, signBytes(message));
    }

    /** Signs the log's current state and records the head, unless the latest recorded head already has this size. */
    public SignedTreeHead publish(MerkleLog log) {
        TreeState state = log.state();
        var latest = log.store().latestTreeHead();
        if (latest.isPresent() && latest.get().treeSize() == state.treeSize()) {
            return latest.get();
        }
        SignedTreeHead head = sign(state);
        log.store().addTreeHead(head);
        return head;
    }

    /** Signs a document other than a tree head (a disposal certificate) with the journal's key, as a tree head is signed. */
    public byte[] signDocument(byte[] document) {
        return signBytes(document);
    }

    private byte[] signBytes(byte[] message) {
        try {
            Signature signer = algorithm.newSignature();
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tree head signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TreeHeadSigner[" + algorithm.label() + ", keyId=" + keyId.hex() + "]";
    }
}
