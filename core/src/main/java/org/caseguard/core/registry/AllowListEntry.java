package org.caseguard.core.registry;

import java.util.Optional;

/**
 * FW-3: an external address (or a whole domain, written {@code @domain}) that may receive case-identifying
 * mail: for every case when {@code caseNumber} is empty (global), or only for that case (case-scoped).
 */
public record AllowListEntry(String address, Optional<String> caseNumber, String reason) {
    public boolean isGlobal() {
        return caseNumber.isEmpty();
    }

    public boolean isDomainEntry() {
        return address.startsWith("@");
    }
}
