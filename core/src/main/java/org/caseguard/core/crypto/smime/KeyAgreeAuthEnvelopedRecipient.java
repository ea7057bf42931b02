package org.caseguard.core.crypto.smime;

import java.security.Key;
import java.security.PrivateKey;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;

/**
 * Opens AES-GCM AuthEnvelopedData for an EC key (ECDH key agreement). BouncyCastle 1.70 (the line James 3.8.1 ships)
 * has this for key transport only; this is the same for key agreement, the content opened by
 * {@link GcmContentDecryptor}.
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
        return GcmContentDecryptor.operator(contentKey, contentEncryptionAlgorithm);
    }
}
