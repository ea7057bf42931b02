package org.caseguard.core.registry;

import java.util.Optional;

/**
 * FW-3: an external address (or a whole domain, written {@code @domain}) that may receive case-identifying
 * mail: for every case when {@code caseNumber} is empty (global), or only for that case (case-scoped). With
 * {@code encryptedOnly}, only S/MIME-encrypted to the recipient's certificate (ENC-1); refused under ENC-2 when it
 * cannot be encrypted, never sent in clear.
 */
public record AllowListEntry(String address, Optional<String> caseNumber, String reason, boolean encryptedOnly) {
    public AllowListEntry(String address, Optional<String> caseNumber, String reason) {
        this(address, caseNumber, reason, false);
    }

    public boolean isGlobal() {
        return caseNumber.isEmpty();
    }

    public boolean isDomainEntry() {
        return address.startsWith("@");
    }
}
