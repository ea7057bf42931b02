package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.Optional;

/**
 * CN-1e: the signed consent for email (MH 708 in source 001). In effect on a date when signed by both the client
 * (or the responsible adult who consented) and the worker, on or after {@code effectiveFrom}, on or before
 * {@code expiresOn} when there is one, and before {@code revokedOn} when it was revoked (a revocation takes effect
 * on its own date).
 */
public record ConsentForm(String formId, boolean signedByClient, Optional<String> signedByWorker, LocalDate signedOn,
                          LocalDate effectiveFrom, Optional<LocalDate> expiresOn, Optional<LocalDate> revokedOn,
                          Optional<String> revokedBy) {

    public boolean isSigned() {
        return signedByClient && signedByWorker.filter(worker -> !worker.isBlank()).isPresent();
    }

    public boolean isRevokedOn(LocalDate date) {
        return revokedOn.filter(revoked -> !date.isBefore(revoked)).isPresent();
    }

    public boolean isExpiredOn(LocalDate date) {
        return expiresOn.filter(expiry -> date.isAfter(expiry)).isPresent();
    }

    public boolean isEffectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom);
    }
}
