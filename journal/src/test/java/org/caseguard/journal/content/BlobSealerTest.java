package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.Deflater;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.caseguard.journal.Hash;
import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

/** The sealed blob format shared by the file and S3 backends: zstd now, DEFLATE blobs of earlier releases still read. */
class BlobSealerTest {
    private static final KeyScope CASE = KeyScope.forCase("2024-CW-00017");

    private static SecretKey key() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static byte[] message() {
        return ("Subject: Re: home visit\r\n\r\n" + "> the client said the visit went well\r\n".repeat(200)).getBytes(StandardCharsets.UTF_8);
    }

    private static ContentRef ref(byte[] plain) {
        return new ContentRef(CASE, Hash.sha256(plain), plain.length);
    }

    @Test
    void newBlobsAreZstdCompressedAndComeBackExactly() throws Exception {
        SecretKey key = key();
        byte[] plain = message();
        byte[] sealed = BlobSealer.seal(key, ref(plain), plain);

        assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("CGB2");
        // tag + nonce + GCM tag around exactly what zstd makes of the bytes: the blob is zstd, not DEFLATE
        assertThat(sealed.length).isEqualTo(4 + 12 + 16 + Zstd.compress(plain, 3).length).isLessThan(plain.length / 10);
        assertThat(BlobSealer.open(key, ref(plain), sealed)).isEqualTo(plain);
    }

    @Test
    void emptyContentSealsAndOpens() throws Exception {
        SecretKey key = key();
        byte[] plain = new byte[0];
        assertThat(BlobSealer.open(key, ref(plain), BlobSealer.seal(key, ref(plain), plain))).isEmpty();
    }

    @Test
    void aDeflateBlobWrittenByAnEarlierReleaseIsStillRead() throws Exception {
        SecretKey key = key();
        byte[] plain = message();

        assertThat(BlobSealer.open(key, ref(plain), legacyDeflateBlob(key, ref(plain), plain))).isEqualTo(plain);
    }

    @Test
    void aFormatTagChangedFromZstdToDeflateIsReportedAsAltered() throws Exception {
        SecretKey key = key();
        byte[] plain = message();
        byte[] sealed = BlobSealer.seal(key, ref(plain), plain);
        sealed[3] = '1';

        assertThatThrownBy(() -> BlobSealer.open(key, ref(plain), sealed)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void anUnknownFormatTagOrATruncatedBlobIsReportedAsAltered() throws Exception {
        SecretKey key = key();
        byte[] plain = message();
        byte[] sealed = BlobSealer.seal(key, ref(plain), plain);
        byte[] unknown = sealed.clone();
        unknown[3] = '9';

        assertThatThrownBy(() -> BlobSealer.open(key, ref(plain), unknown)).isInstanceOf(ContentUnavailableException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> BlobSealer.open(key, ref(plain), Arrays.copyOf(sealed, 20))).isInstanceOf(ContentUnavailableException.class);
    }

    /** The CGB1 format exactly as FileContentStore wrote it before zstd: DEFLATE, then AES-GCM bound to scope and hash. */
    private static byte[] legacyDeflateBlob(SecretKey key, ContentRef ref, byte[] plain) throws Exception {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        deflater.setInput(plain);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD((ref.scope().value() + "\n" + ref.sha256().hex()).getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(compressed.toByteArray());
        return ByteBuffer.allocate(4 + 12 + sealed.length).put("CGB1".getBytes(StandardCharsets.US_ASCII)).put(nonce).put(sealed).array();
    }
}
