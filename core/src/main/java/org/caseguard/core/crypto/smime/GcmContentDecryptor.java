package org.caseguard.core.crypto.smime;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * Opens AES-GCM AuthEnvelopedData content (RFC 5084) with the JDK's AES ({@link GcmContentEncryptor} says why not
 * BouncyCastle's). BouncyCastle appends the structure's {@code mac} to the ciphertext it streams in, so the cipher
 * checks the tag at the end: changed content throws instead of being returned.
 */
final class GcmContentDecryptor {
    private GcmContentDecryptor() {
    }

    static RecipientOperator operator(Key contentKey, AlgorithmIdentifier contentEncryption) throws CMSException {
        if (!CMSAlgorithm.AES256_GCM.equals(contentEncryption.getAlgorithm()) && !CMSAlgorithm.AES128_GCM.equals(contentEncryption.getAlgorithm())
            && !CMSAlgorithm.AES192_GCM.equals(contentEncryption.getAlgorithm())) {
            throw new CMSException("content encryption " + contentEncryption.getAlgorithm() + " is not AES-GCM");
        }
        Cipher cipher;
        try {
            GCMParameters parameters = GCMParameters.getInstance(contentEncryption.getParameters());
            cipher = Cipher.getInstance("AES/GCM/NoPadding", SmimeEncryptor.CONTENT_PROVIDER);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey.getEncoded(), "AES"),
                new GCMParameterSpec(parameters.getIcvLen() * 8, parameters.getNonce()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CMSException("AES-GCM content cannot be set up: " + e.getClass().getSimpleName(), e);
        }
        return new RecipientOperator(new InputAEADDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return contentEncryption;
            }

            @Override
            public InputStream getInputStream(InputStream encrypted) {
                return new CipherInputStream(encrypted, cipher);
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
                return new byte[0];
            }
        });
    }
}
