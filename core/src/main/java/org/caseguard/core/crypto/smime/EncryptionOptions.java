package org.caseguard.core.crypto.smime;

import java.util.Optional;

/**
 * ENC-1 choices for {@link SmimeEncryptor}. The key wrapping follows each certificate's key (RSA: {@code keyTransport};
 * EC: ephemeral-static ECDH), so only what applies to every recipient is chosen here.
 *
 * @param outerSubject with header protection, the neutral Subject shown outside; empty: no header protection
 */
public record EncryptionOptions(SmimeEncryptor.KeyTransport keyTransport, ContentEncryption contentEncryption,
                                Optional<String> outerSubject) {
    public static final String DEFAULT_OUTER_SUBJECT = "Encrypted message";

    public enum ContentEncryption {
        /** EnvelopedData, {@code smime-type=enveloped-data}: what every S/MIME client reads. */
        AES_256_CBC,
        /** AuthEnvelopedData (RFC 5083/5084), {@code smime-type=authEnveloped-data}: tamper-evident, newer clients only. */
        AES_256_GCM
    }

    public EncryptionOptions {
        if (outerSubject.isPresent() && (outerSubject.get().isBlank() || outerSubject.get().matches("(?s).*[\\r\\n].*"))) {
            throw new IllegalArgumentException("the outer subject must be one line of text");
        }
    }

    public static EncryptionOptions defaults() {
        return new EncryptionOptions(SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256, ContentEncryption.AES_256_CBC, Optional.empty());
    }

    public EncryptionOptions withKeyTransport(SmimeEncryptor.KeyTransport transport) {
        return new EncryptionOptions(transport, contentEncryption, outerSubject);
    }

    public EncryptionOptions withContentEncryption(ContentEncryption encryption) {
        return new EncryptionOptions(keyTransport, encryption, outerSubject);
    }

    public EncryptionOptions withProtectedHeaders(String neutralSubject) {
        return new EncryptionOptions(keyTransport, contentEncryption, Optional.of(neutralSubject));
    }

    public boolean protectsHeaders() {
        return outerSubject.isPresent();
    }
}
