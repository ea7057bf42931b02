package org.caseguard.core.crypto.smime;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * ENC-4: the result of checking an S/MIME signature, for attributes and the header internal readers see. {@code reason}
 * says why it is not valid, in words an admin can act on; never message content.
 */
public record SignatureCheck(boolean signed, boolean valid, Optional<X509Certificate> signer, String reason) {
    public static SignatureCheck unsigned() {
        return new SignatureCheck(false, false, Optional.empty(), "not signed");
    }
}
