package org.caseguard.journal.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.caseguard.journal.Hash;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/**
 * The sealed form of one content blob, the same on every backend (JRN-7): a 4-byte format tag, a random 12-byte
 * nonce, then AES-256-GCM over the compressed bytes with the scope's key, the scope and SHA-256 bound as associated
 * data, so a blob altered, or moved to another name or scope, fails to open.
 * <ul>
 * <li>{@code CGB2} (written now): zstd; the tag is part of the associated data too, so it cannot be swapped.</li>
 * <li>{@code CGB1} (written by earlier releases, still read): DEFLATE.</li>
 * </ul>
 */
final class BlobSealer {
    private static final byte[] DEFLATE_V1 = "CGB1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZSTD_V2 = "CGB2".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG = 4;
    private static final int NONCE = 12;
    private static final int GCM_TAG = 16;
    /** zstd's default level: on mail it compresses better than DEFLATE's default and faster. */
    private static final int ZSTD_LEVEL = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobSealer() {
    }

    static byte[] seal(SecretKey key, ContentRef ref, byte[] plain) {
        byte[] compressed = Zstd.compress(plain, ZSTD_LEVEL);
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(ZSTD_V2, ref));
            byte[] sealed = cipher.doFinal(compressed);
            return ByteBuffer.allocate(TAG + NONCE + sealed.length).put(ZSTD_V2).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plain bytes, checked against the reference's size and SHA-256; ALTERED if anything does not match. */
    static byte[] open(SecretKey key, ContentRef ref, byte[] stored) {
        if (stored.length < TAG + NONCE + GCM_TAG) {
            throw altered(ref, null);
        }
        byte[] tag = Arrays.copyOf(stored, TAG);
        byte[] plain;
        if (Arrays.equals(tag, ZSTD_V2)) {
            plain = unzstd(decrypt(key, ref, stored, associatedData(ZSTD_V2, ref)), ref);
        } else if (Arrays.equals(tag, DEFLATE_V1)) {
            plain = inflate(decrypt(key, ref, stored, associatedData(null, ref)), ref);
        } else {
            throw altered(ref, null);
        }
        if (!Hash.sha256(plain).equals(ref.sha256())) {
            throw altered(ref, null);
        }
        return plain;
    }

    /** CGB1 bound scope and hash only; CGB2 binds its tag as well. */
    private static byte[] associatedData(byte[] tag, ContentRef ref) {
        String bound = ref.scope().value() + "\n" + ref.sha256().hex();
        return (tag == null ? bound : new String(tag, StandardCharsets.US_ASCII) + "\n" + bound).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decrypt(SecretKey key, ContentRef ref, byte[] stored, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, TAG, NONCE));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(stored, TAG + NONCE, stored.length - TAG - NONCE);
        } catch (AEADBadTagException e) {
            throw altered(ref, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] unzstd(byte[] compressed, ContentRef ref) {
        byte[] plain = new byte[Math.toIntExact(ref.size())];
        try {
            long length = Zstd.decompressByteArray(plain, 0, plain.length, compressed, 0, compressed.length);
            if (Zstd.isError(length) || length != plain.length) {
                throw altered(ref, null);
            }
            return plain;
        } catch (ZstdException e) {
            throw altered(ref, e);
        }
    }

    private static byte[] inflate(byte[] compressed, ContentRef ref) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] plain = new byte[Math.toIntExact(ref.size())];
            int length = 0;
            while (!inflater.finished() && length < plain.length) {
                length += inflater.inflate(plain, length, plain.length - length);
                if (inflater.needsInput() && !inflater.finished()) {
                    throw altered(ref, null);
                }
            }
            if (length != plain.length) {
                throw altered(ref, null);
            }
            return plain;
        } catch (DataFormatException e) {
            throw altered(ref, e);
        } finally {
            inflater.end();
        }
    }

    static ContentUnavailableException altered(ContentRef ref, Throwable cause) {
        return new ContentUnavailableException(ContentUnavailableException.Reason.ALTERED, "content " + ref.sha256() + " under " + ref.scope()
            + " does not open to the recorded bytes (altered or misplaced)", cause);
    }
}
