package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Consent records as the CN tests use them: a fully consented adult and a minor consented for by an adult. */
public final class ConsentSamples {
    private ConsentSamples() {
    }

    public static ConsentForm signedForm() {
        return new ConsentForm("MH-708", true, Optional.of("Pat Worker"), LocalDate.of(2025, 1, 10), LocalDate.of(2025, 1, 10),
            Optional.of(LocalDate.of(2026, 1, 9)), Optional.empty(), Optional.empty());
    }

    public static ConsentRecord adult(String clientId) {
        return new ConsentRecord(clientId, Optional.of(ContactMethod.EMAIL),
            Optional.of(new ProgramApproval("Outpatient MH", "Program Manager Lee", LocalDate.of(2025, 1, 2))),
            Optional.of(new ClinicianDetermination("Dr Rivera", LocalDate.of(2025, 1, 5))), Optional.of(signedForm()),
            Optional.of("Maria.Lopez@mail.test"), false, ConsentGiver.CLIENT, Optional.empty(),
            Set.of(Purpose.SCHEDULING, Purpose.APPOINTMENT_REMINDER), List.of("maria.work@job.test"),
            Optional.of("pat@agency.example"), Optional.of("sam@agency.example"));
    }

    public static ConsentRecord minor(String clientId) {
        return new ConsentRecord(clientId, Optional.of(ContactMethod.EMAIL),
            Optional.of(new ProgramApproval("Youth MH", "Program Manager Lee", LocalDate.of(2025, 1, 2))),
            Optional.of(new ClinicianDetermination("Dr Rivera", LocalDate.of(2025, 1, 5))), Optional.of(signedForm()),
            Optional.of("teen@mail.test"), true, ConsentGiver.RESPONSIBLE_ADULT,
            Optional.of(new ResponsibleAdult("Ana Lopez", "mother", "ana@mail.test")),
            Set.of(Purpose.SCHEDULING), List.of(), Optional.of("pat@agency.example"), Optional.empty());
    }

    public static ConsentRecord withForm(ConsentRecord record, ConsentForm form) {
        return new ConsentRecord(record.clientId(), record.preferredContact(), record.programApproval(),
            record.clinicianDetermination(), Optional.ofNullable(form), record.consentedAddress(), record.minor(),
            record.consentGivenBy(), record.responsibleAdult(), record.permittedPurposes(), record.knownAddresses(),
            record.worker(), record.supervisor());
    }

    public static ConsentRecord withConsentedAddress(ConsentRecord record, String address) {
        return new ConsentRecord(record.clientId(), record.preferredContact(), record.programApproval(),
            record.clinicianDetermination(), record.form(), Optional.ofNullable(address), record.minor(),
            record.consentGivenBy(), record.responsibleAdult(), record.permittedPurposes(), record.knownAddresses(),
            record.worker(), record.supervisor());
    }
}
