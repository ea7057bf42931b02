package org.caseguard.core.crypto.smime;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.PrivateKey;

import javax.crypto.Cipher;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * Opens AES-GCM AuthEnvelopedData for an EC key (ECDH key agreement). BouncyCastle 1.70 (the line James 3.8.1 ships)
 * has this for key transport only ({@code JceKeyTransAuthEnvelopedRecipient}); this is the same for key agreement.
 * The tag is checked by the GCM cipher at the end of the stream: changed content fails instead of being returned.
 */
final class KeyAgreeAuthEnvelopedRecipient extends JceKeyAgreeRecipient {
    KeyAgreeAuthEnvelopedRecipient(PrivateKey key) {
        super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryptionAlgorithm, AlgorithmIdentifier contentEncryptionAlgorithm,
                                                  SubjectPublicKeyInfo senderPublicKey, ASN1OctetString userKeyingMaterial,
                                                  byte[] encryptedContentKey) throws CMSException {
        Key contentKey = extractSecretKey(keyEncryptionAlgorithm, contentEncryptionAlgorithm, senderPublicKey, userKeyingMaterial,
            encryptedContentKey);
        Cipher cipher = contentHelper.createContentCipher(contentKey, contentEncryptionAlgorithm);
        return new RecipientOperator(new InputAEADDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return contentEncryptionAlgorithm;
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
