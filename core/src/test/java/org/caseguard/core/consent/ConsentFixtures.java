package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Consent records as a mental-health program would keep them, relative to a fixed "today". */
final class ConsentFixtures {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private ConsentFixtures() {
    }

    static ConsentForm signedForm() {
        return new ConsentForm("MH708-1", true, Optional.of("w.jones"), TODAY.minusMonths(2), TODAY.minusMonths(2),
            Optional.of(TODAY.plusMonths(10)), Optional.empty(), Optional.empty());
    }

    /** An adult client with every CN-1 condition met, emailed at maria@mail.test. */
    static ConsentRecord adult(String clientId, String address) {
        return new ConsentRecord(clientId, Optional.of(ContactMethod.EMAIL),
            Optional.of(new ProgramApproval("Adult Outpatient", "pm.lee", TODAY.minusYears(1))),
            Optional.of(new ClinicianDetermination("w.jones", TODAY.minusMonths(3))), Optional.of(signedForm()),
            Optional.of(address), false, ConsentGiver.CLIENT, Optional.empty(),
            Set.of(Purpose.SCHEDULING, Purpose.APPOINTMENT_REMINDER, Purpose.TREATMENT_INSTRUCTION_REMINDER),
            List.of(), Optional.of("w.jones@agency.example"), Optional.of("sup.kim@agency.example"));
    }

    static ConsentRecord withForm(ConsentRecord record, ConsentForm form) {
        return new ConsentRecord(record.clientId(), record.preferredContact(), record.programApproval(),
            record.clinicianDetermination(), Optional.of(form), record.consentedAddress(), record.minor(),
            record.consentGivenBy(), record.responsibleAdult(), record.permittedPurposes(), record.knownAddresses(),
            record.worker(), record.supervisor());
    }

    static ConsentRecord withKnownAddresses(ConsentRecord record, String... addresses) {
        return new ConsentRecord(record.clientId(), record.preferredContact(), record.programApproval(),
            record.clinicianDetermination(), record.form(), record.consentedAddress(), record.minor(),
            record.consentGivenBy(), record.responsibleAdult(), record.permittedPurposes(), List.of(addresses),
            record.worker(), record.supervisor());
    }

    /** A minor whose consent came from a parent: only the parent's address may be mailed. */
    static ConsentRecord minorUnderAdultConsent(String clientId, String minorAddress, String adultAddress) {
        ConsentRecord adult = adult(clientId, minorAddress);
        return new ConsentRecord(clientId, adult.preferredContact(), adult.programApproval(), adult.clinicianDetermination(),
            adult.form(), Optional.of(minorAddress), true, ConsentGiver.RESPONSIBLE_ADULT,
            Optional.of(new ResponsibleAdult("Ana Ruiz", "parent", adultAddress)), adult.permittedPurposes(), List.of(),
            adult.worker(), adult.supervisor());
    }
}
