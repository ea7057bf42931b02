package org.caseguard.core.crypto.smime;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCaptureStream;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;

/**
 * AES-256-GCM content encryption for AuthEnvelopedData (RFC 5084: 12-byte nonce, 16-byte tag) on a JDK provider.
 * BouncyCastle 1.70's builder looks the key generator up by OID, which SunJCE does not register, so it can only use
 * BouncyCastle's plain-Java AES; this does the same work with the JDK's AES instructions. The tag, which the cipher
 * appends to the ciphertext, is split off into the structure's {@code mac}.
 */
final class GcmContentEncryptor implements OutputAEADEncryptor {
    private static final int TAG_BYTES = 16;

    private final AlgorithmIdentifier algorithm;
    private final SecretKey key;
    private final Cipher cipher;
    private MacCaptureStream tag;

    GcmContentEncryptor(Provider provider, SecureRandom random) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256, random);
        key = generator.generateKey();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        algorithm = new AlgorithmIdentifier(CMSAlgorithm.AES256_GCM, new GCMParameters(nonce, TAG_BYTES));
        cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream(OutputStream encryptedOut) {
        tag = new MacCaptureStream(encryptedOut, TAG_BYTES);
        return new CipherOutputStream(tag, cipher);
    }

    @Override
    public OutputStream getAADStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                cipher.updateAAD(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                cipher.updateAAD(bytes, offset, length);
            }
        };
    }

    @Override
    public byte[] getMAC() {
        return tag.getMac();
    }

    @Override
    public GenericKey getKey() {
        return new JceGenericKey(algorithm, key);
    }
}
