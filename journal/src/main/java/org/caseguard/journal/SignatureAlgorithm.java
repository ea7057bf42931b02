package org.caseguard.journal;

import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;

/** How tree heads are signed: Ed25519 by default, ECDSA over SHA-256 where a PKI demands it. */
public enum SignatureAlgorithm {
    /** Pure Ed25519 (RFC 8032) over the message itself; {@code openssl pkeyutl -verify -rawin} checks it. */
    ED25519("Ed25519", "Ed25519"),
    /** ECDSA with SHA-256, DER-encoded signature; {@code openssl dgst -sha256 -verify} checks it. */
    ECDSA_SHA256("ECDSA-SHA256", "SHA256withECDSA");

    private final String label;
    private final String jcaName;

    SignatureAlgorithm(String label, String jcaName) {
        this.label = label;
        this.jcaName = jcaName;
    }

    public String label() {
        return label;
    }

    Signature newSignature() {
        try {
            return Signature.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** True when the signature over the message is valid for the key under this algorithm. */
    public boolean verifies(java.security.PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = newSignature();
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static SignatureAlgorithm forKey(Key key) {
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> ED25519;
            case "EC" -> ECDSA_SHA256;
            default -> throw new IllegalArgumentException("tree head signing key must be Ed25519 or EC, got " + key.getAlgorithm());
        };
    }

    public static SignatureAlgorithm fromLabel(String label) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.label.equals(label)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("tree head 'algorithm' must be Ed25519 or ECDSA-SHA256, got '" + label + "'");
    }
}
