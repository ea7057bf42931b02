package org.caseguard.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value (32 bytes), immutable, compared by content. */
public final class Hash {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Hash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("hash must be " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new Hash(bytes.clone());
    }

    public static Hash fromHex(String hex) {
        try {
            return of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hash must be 64 hexadecimal digits, got '" + hex + "'", e);
        }
    }

    public static Hash fromBase64(String base64) {
        try {
            return of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hash must be 32 bytes in base64, got '" + base64 + "'", e);
        }
    }

    /** SHA-256 of the bytes given. */
    public static Hash sha256(byte[] data) {
        MessageDigest digest = newDigest();
        return new Hash(digest.digest(data));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static Hash wrap(byte[] thirtyTwoBytesNotShared) {
        return new Hash(thirtyTwoBytesNotShared);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyInto(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
