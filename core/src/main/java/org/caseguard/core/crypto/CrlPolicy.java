package org.caseguard.core.crypto;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Revocation checking of recipient certificates through CRLs: not at all, when a CRL of the issuer is held, or required (fail closed). */
public enum CrlPolicy {
    OFF, WHEN_AVAILABLE, REQUIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CrlPolicy> parse(String value) {
        return Arrays.stream(values()).filter(policy -> policy.wire().equalsIgnoreCase(value == null ? "" : value.trim())).findFirst();
    }
}
