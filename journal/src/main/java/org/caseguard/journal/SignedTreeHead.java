package org.caseguard.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A signed statement "the log had treeSize leaves with this root at this time". The signature covers the ASCII
 * text returned by {@link #signedMessage()}, so a third party can rebuild it with printf and check it with openssl:
 * <pre>
 * caseguard-journal-tree-head-v1\n
 * &lt;tree size, decimal&gt;\n
 * &lt;timestamp, milliseconds since 1970-01-01T00:00:00Z, decimal&gt;\n
 * &lt;root hash, 64 lower-case hex digits&gt;\n
 * </pre>
 * {@code keyId} is SHA-256 of the public key's X.509 SubjectPublicKeyInfo (DER), to tell keys apart after rotation.
 */
public record SignedTreeHead(long treeSize, long timestampMillis, Hash rootHash, SignatureAlgorithm algorithm, Hash keyId, byte[] signature) {
    public static final String MESSAGE_PREFIX = "caseguard-journal-tree-head-v1\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SignedTreeHead {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree head 'treeSize' must not be negative, got " + treeSize);
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("tree head 'timestampMillis' must not be negative, got " + timestampMillis);
        }
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("tree head 'signature' must not be empty");
        }
        signature = signature.clone();
    }

    public static byte[] message(long treeSize, long timestampMillis, Hash rootHash) {
        return (MESSAGE_PREFIX + treeSize + "\n" + timestampMillis + "\n" + rootHash.hex() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] signedMessage() {
        return message(treeSize, timestampMillis, rootHash);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static Hash keyId(PublicKey key) {
        return Hash.sha256(key.getEncoded());
    }

    /** True when the signature is valid for this key and the key is the one named by keyId. */
    public boolean verify(PublicKey key) {
        if (!keyId(key).equals(keyId)) {
            return false;
        }
        try {
            if (SignatureAlgorithm.forKey(key) != algorithm) {
                return false;
            }
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(key);
            verifier.update(signedMessage());
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("treeSize", treeSize);
        fields.put("timestampMillis", timestampMillis);
        fields.put("rootHash", rootHash.base64());
        fields.put("algorithm", algorithm.label());
        fields.put("keyId", keyId.base64());
        fields.put("signature", Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SignedTreeHead fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tree head is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static SignedTreeHead fromJson(JsonNode node) {
        return new SignedTreeHead(
            requiredLong(node, "treeSize"),
            requiredLong(node, "timestampMillis"),
            Hash.fromBase64(requiredText(node, "rootHash")),
            SignatureAlgorithm.fromLabel(requiredText(node, "algorithm")),
            Hash.fromBase64(requiredText(node, "keyId")),
            decode(requiredText(node, "signature"), "signature"));
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("tree head '" + field + "' must be a whole number");
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("tree head '" + field + "' must be a base64 string");
        }
        return value.textValue();
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tree head '" + field + "' is not valid base64", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTreeHead that && treeSize == that.treeSize && timestampMillis == that.timestampMillis
            && rootHash.equals(that.rootHash) && algorithm == that.algorithm && keyId.equals(that.keyId)
            && MessageDigest.isEqual(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(treeSize, timestampMillis, rootHash, algorithm, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedTreeHead[size=" + treeSize + ", time=" + timestampMillis + ", root=" + rootHash.hex() + ", " + algorithm.label() + "]";
    }
}
