package org.caseguard.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.consent.ConsentFixtures.TODAY;
import static org.caseguard.core.consent.ConsentFixtures.adult;
import static org.caseguard.core.consent.ConsentFixtures.signedForm;
import static org.caseguard.core.consent.ConsentFixtures.withForm;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConsentConditionsTest {
    private final ConsentRecord complete = adult("C-1", "maria@mail.test");

    @Test
    void cn1AllConditionsMetMeansNoGap() {
        assertThat(ConsentConditions.unmet(Optional.of(complete), TODAY)).isEmpty();
    }

    @Test
    void cn1NoRecordIsAGap() {
        assertThat(ConsentConditions.unmet(Optional.empty(), TODAY)).containsExactly(ConsentGap.NO_CONSENT_RECORD);
    }

    @Test
    void cn1FormExpiredYesterdayIsAGapButExpiringTodayIsNot() {
        ConsentForm form = signedForm();
        ConsentForm expiredYesterday = new ConsentForm(form.formId(), true, form.signedByWorker(), form.signedOn(),
            form.effectiveFrom(), Optional.of(TODAY.minusDays(1)), Optional.empty(), Optional.empty());
        ConsentForm expiresToday = new ConsentForm(form.formId(), true, form.signedByWorker(), form.signedOn(),
            form.effectiveFrom(), Optional.of(TODAY), Optional.empty(), Optional.empty());
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, expiredYesterday)), TODAY)).containsExactly(ConsentGap.EXPIRED);
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, expiresToday)), TODAY)).isEmpty();
    }

    @Test
    void cn1RevokedTodayIsAGapFromToday() {
        ConsentForm form = signedForm();
        ConsentForm revokedToday = new ConsentForm(form.formId(), true, form.signedByWorker(), form.signedOn(),
            form.effectiveFrom(), form.expiresOn(), Optional.of(TODAY), Optional.of("client by phone"));
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, revokedToday)), TODAY)).containsExactly(ConsentGap.REVOKED);
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, revokedToday)), TODAY.minusDays(1))).isEmpty();
    }

    @Test
    void cn1SignedByTheClientOnlyIsAGap() {
        ConsentForm form = signedForm();
        ConsentForm clientOnly = new ConsentForm(form.formId(), true, Optional.empty(), form.signedOn(),
            form.effectiveFrom(), form.expiresOn(), Optional.empty(), Optional.empty());
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, clientOnly)), TODAY)).containsExactly(ConsentGap.NOT_SIGNED_BY_WORKER);
    }

    @Test
    void cn1FormNotYetEffectiveIsAGap() {
        ConsentForm form = signedForm();
        ConsentForm future = new ConsentForm(form.formId(), true, form.signedByWorker(), TODAY, TODAY.plusDays(1),
            form.expiresOn(), Optional.empty(), Optional.empty());
        assertThat(ConsentConditions.unmet(Optional.of(withForm(complete, future)), TODAY)).containsExactly(ConsentGap.NOT_YET_EFFECTIVE);
    }

    @Test
    void cn1ProgramNotApprovedAndEmailNotPreferredAreEachGaps() {
        ConsentRecord record = new ConsentRecord("C-1", Optional.of(ContactMethod.TELEPHONE), Optional.empty(),
            complete.clinicianDetermination(), complete.form(), complete.consentedAddress(), false, ConsentGiver.CLIENT,
            Optional.empty(), Set.of(Purpose.SCHEDULING), java.util.List.of(), Optional.empty(), Optional.empty());
        assertThat(ConsentConditions.unmet(Optional.of(record), TODAY))
            .containsExactly(ConsentGap.PROGRAM_NOT_APPROVED, ConsentGap.EMAIL_NOT_PREFERRED);
    }

    @Test
    void cn3AdultConsentWithoutTheAdultsAddressIsAGap() {
        ConsentRecord minor = ConsentFixtures.minorUnderAdultConsent("C-3", "kid@mail.test", "parent@mail.test");
        ConsentRecord noAdult = new ConsentRecord("C-3", minor.preferredContact(), minor.programApproval(),
            minor.clinicianDetermination(), minor.form(), minor.consentedAddress(), true, ConsentGiver.RESPONSIBLE_ADULT,
            Optional.empty(), minor.permittedPurposes(), minor.knownAddresses(), minor.worker(), minor.supervisor());
        assertThat(ConsentConditions.unmet(Optional.of(minor), TODAY)).isEmpty();
        assertThat(ConsentConditions.unmet(Optional.of(noAdult), TODAY)).containsExactly(ConsentGap.NO_RESPONSIBLE_ADULT);
    }
}
