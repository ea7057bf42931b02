package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CN-1 (with CN-2/CN-3 for minors): which conditions of emailing a client are unmet on a given date. */
public final class ConsentConditions {
    private ConsentConditions() {
    }

    /** Empty when email to the client is allowed on {@code date}, given encryption; otherwise every unmet condition. */
    public static List<ConsentGap> unmet(Optional<ConsentRecord> maybeRecord, LocalDate date) {
        if (maybeRecord.isEmpty()) {
            return List.of(ConsentGap.NO_CONSENT_RECORD);
        }
        ConsentRecord record = maybeRecord.get();
        List<ConsentGap> gaps = new ArrayList<>();
        if (record.programApproval().filter(approval -> !approval.approvedOn().isAfter(date)).isEmpty()) {
            gaps.add(ConsentGap.PROGRAM_NOT_APPROVED);
        }
        if (record.clinicianDetermination().filter(determination -> !determination.determinedOn().isAfter(date)).isEmpty()) {
            gaps.add(ConsentGap.NO_CLINICIAN_DETERMINATION);
        }
        if (record.preferredContact().filter(method -> method == ContactMethod.EMAIL).isEmpty()) {
            gaps.add(ConsentGap.EMAIL_NOT_PREFERRED);
        }
        Optional<ConsentForm> form = record.form();
        if (form.isEmpty()) {
            gaps.add(ConsentGap.NO_CONSENT_FORM);
        } else {
            ConsentForm signed = form.get();
            if (!signed.signedByClient()) {
                gaps.add(ConsentGap.NOT_SIGNED_BY_CLIENT);
            }
            if (signed.signedByWorker().filter(worker -> !worker.isBlank()).isEmpty()) {
                gaps.add(ConsentGap.NOT_SIGNED_BY_WORKER);
            }
            if (!signed.isEffectiveOn(date) || signed.signedOn().isAfter(date)) {
                gaps.add(ConsentGap.NOT_YET_EFFECTIVE);
            }
            if (signed.isExpiredOn(date)) {
                gaps.add(ConsentGap.EXPIRED);
            }
            if (signed.isRevokedOn(date)) {
                gaps.add(ConsentGap.REVOKED);
            }
        }
        if (record.consentGivenBy() == ConsentGiver.RESPONSIBLE_ADULT) {
            if (record.responsibleAdult().map(ResponsibleAdult::address).filter(address -> !address.isBlank()).isEmpty()) {
                gaps.add(ConsentGap.NO_RESPONSIBLE_ADULT);
            }
        } else if (record.consentedAddress().filter(address -> !address.isBlank()).isEmpty()) {
            gaps.add(ConsentGap.NO_CONSENTED_ADDRESS);
        }
        return List.copyOf(gaps);
    }
}
