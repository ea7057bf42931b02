package org.caseguard.core.crypto.smime;

import java.security.PrivateKey;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;

/**
 * Opens AES-GCM AuthEnvelopedData for an RSA key: the key unwrapped by BouncyCastle, the content opened by
 * {@link GcmContentDecryptor} with the JDK's AES. (BouncyCastle 1.70's {@code JceKeyTransAuthEnvelopedRecipient}
 * cannot set up the JDK's GCM cipher and would use its own, slower AES.)
 */
final class KeyTransAuthEnvelopedRecipient extends JceKeyTransRecipient {
    KeyTransAuthEnvelopedRecipient(PrivateKey key) {
        super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryptionAlgorithm, AlgorithmIdentifier contentEncryptionAlgorithm,
                                                  byte[] encryptedContentKey) throws CMSException {
        return GcmContentDecryptor.operator(extractSecretKey(keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentKey),
            contentEncryptionAlgorithm);
    }
}
