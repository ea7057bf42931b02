package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caseguard.core.registry.InvalidRecordException;
import org.caseguard.core.registry.RegistryValidation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an untrusted consent record (a REST body, an import line) into a stored one, or fails naming the field
 * path ({@code form.expiresOn}), what is allowed and what was given. Personal values (addresses, names) are never
 * repeated in an error: it may end up in a log; dates, enumerations and client ids are. Addresses come back with
 * their domain normalised and their local part as given (CN-4). Shared by the routes and the bulk import.
 */
public final class ConsentValidation {
    private static final int MAX_NAME = 200;
    private static final int MAX_FORM_ID = 100;

    private ConsentValidation() {
    }

    /** Shape ({@link ConsentJson#parse}) and rules ({@link #check}) of one record. */
    public static ConsentRecord parse(JsonNode body, Optional<String> clientIdFromPath) {
        return check(ConsentJson.parse(body, clientIdFromPath));
    }

    /** The rules between fields; the record back with its addresses normalised. */
    public static ConsentRecord check(ConsentRecord record) {
        String clientId = RegistryValidation.key("clientId", record.clientId());
        record.programApproval().ifPresent(approval -> {
            length("programApproval.program", approval.program(), MAX_NAME);
            length("programApproval.approvedBy", approval.approvedBy(), MAX_NAME);
        });
        record.clinicianDetermination().ifPresent(determination -> length("clinicianDetermination.clinician", determination.clinician(), MAX_NAME));
        record.form().ifPresent(ConsentValidation::checkForm);

        Optional<String> consentedAddress = record.consentedAddress().map(address -> address("consentedAddress", address));
        List<String> knownAddresses = new ArrayList<>();
        for (String known : record.knownAddresses()) {
            String normalised = address("knownAddresses", known);
            if (knownAddresses.stream().noneMatch(other -> sameAddress(other, normalised))) {
                knownAddresses.add(normalised);
            }
        }
        if (consentedAddress.isPresent() && knownAddresses.stream().anyMatch(known -> sameAddress(known, consentedAddress.get()))) {
            throw new InvalidRecordException("knownAddresses", "must not list the consentedAddress: the consented address is"
                + " the one address mail may go to, known addresses are never mailed (CN-4)");
        }

        Optional<ResponsibleAdult> adult = record.responsibleAdult().map(given -> {
            length("responsibleAdult.name", given.name(), MAX_NAME);
            length("responsibleAdult.relationship", given.relationship(), MAX_NAME);
            return new ResponsibleAdult(given.name(), given.relationship(), address("responsibleAdult.address", given.address()));
        });
        if (record.consentGivenBy() == ConsentGiver.RESPONSIBLE_ADULT) {
            if (adult.isEmpty()) {
                throw new InvalidRecordException("responsibleAdult", "is required when consentGivenBy is responsible-adult"
                    + " (name, relationship and address, CN-3)");
            }
            if (!record.minor()) {
                throw new InvalidRecordException("minor", "must be true when consentGivenBy is responsible-adult (CN-3), got false");
            }
            if (knownAddresses.stream().anyMatch(known -> sameAddress(known, adult.get().address()))) {
                throw new InvalidRecordException("knownAddresses", "must not list responsibleAdult.address: it is the one address"
                    + " mail may go to (CN-3)");
            }
        } else if (adult.isPresent()) {
            throw new InvalidRecordException("responsibleAdult", "is only for consentGivenBy responsible-adult; consentGivenBy is client"
                + " (the adult's address would not be used)");
        }
        Optional<String> worker = record.worker().map(address -> address("worker", address));
        Optional<String> supervisor = record.supervisor().map(address -> address("supervisor", address));
        return new ConsentRecord(clientId, record.preferredContact(), record.programApproval(), record.clinicianDetermination(),
            record.form(), consentedAddress, record.minor(), record.consentGivenBy(), adult, record.permittedPurposes(),
            knownAddresses, worker, supervisor);
    }

    /** The record with its form revoked; fails when there is no form or it is already revoked. */
    public static ConsentRecord revoke(ConsentRecord record, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("(body)", "must be a JSON object with revokedOn and revokedBy");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("revokedOn") && !name.equals("revokedBy")) {
                throw new InvalidRecordException(name, "is not a known field; known fields are [revokedBy, revokedOn]");
            }
        });
        ConsentForm form = record.form().orElseThrow(() -> new InvalidRecordException("form",
            "no consent form is recorded for this client, so there is nothing to revoke"));
        form.revokedOn().ifPresent(date -> {
            throw new InvalidRecordException("form.revokedOn", "the form was already revoked on " + date
                + "; to correct the revocation, PUT the whole record");
        });
        String revokedOnText = textField(body, "revokedOn");
        LocalDate revokedOn;
        try {
            revokedOn = LocalDate.parse(revokedOnText);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRecordException("revokedOn", "must be an ISO date yyyy-mm-dd, got \"" + revokedOnText + "\"");
        }
        String revokedBy = textField(body, "revokedBy");
        ConsentForm revoked = new ConsentForm(form.formId(), form.signedByClient(), form.signedByWorker(), form.signedOn(),
            form.effectiveFrom(), form.expiresOn(), Optional.of(revokedOn), Optional.of(revokedBy));
        return check(new ConsentRecord(record.clientId(), record.preferredContact(), record.programApproval(),
            record.clinicianDetermination(), Optional.of(revoked), record.consentedAddress(), record.minor(), record.consentGivenBy(),
            record.responsibleAdult(), record.permittedPurposes(), record.knownAddresses(), record.worker(), record.supervisor()));
    }

    private static String textField(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRecordException(field, "is required (a non-empty string)");
        }
        return value.asText().trim();
    }

    private static void checkForm(ConsentForm form) {
        length("form.formId", form.formId(), MAX_FORM_ID);
        form.signedByWorker().ifPresent(worker -> length("form.signedByWorker", worker, MAX_NAME));
        form.expiresOn().ifPresent(expiry -> {
            if (expiry.isBefore(form.effectiveFrom())) {
                throw new InvalidRecordException("form.expiresOn", "must not be before form.effectiveFrom (" + form.effectiveFrom()
                    + "), got " + expiry);
            }
        });
        if (form.revokedOn().isPresent() != form.revokedBy().isPresent()) {
            throw form.revokedOn().isPresent()
                ? new InvalidRecordException("form.revokedBy", "is required when form.revokedOn is given (who recorded the revocation)")
                : new InvalidRecordException("form.revokedOn", "is required when form.revokedBy is given (an ISO date yyyy-mm-dd)");
        }
        form.revokedBy().ifPresent(who -> length("form.revokedBy", who, MAX_NAME));
        form.revokedOn().ifPresent(revoked -> {
            if (revoked.isBefore(form.signedOn())) {
                throw new InvalidRecordException("form.revokedOn", "must not be before form.signedOn (" + form.signedOn() + "), got " + revoked);
            }
        });
    }

    private static void length(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidRecordException(field, "must be at most " + max + " characters, got " + value.length());
        }
    }

    private static String address(String field, String value) {
        try {
            return RegistryValidation.address(field, value);
        } catch (InvalidRecordException e) {
            String given = value.indexOf('@') < 0 ? "a value without @"
                : value.indexOf('@') == 0 ? "a value with nothing before @" : "a value whose local part or domain is not valid";
            throw new InvalidRecordException(field, "must be an email address such as name@example.org, got " + given);
        }
    }

    /** Same mailbox for the CN-4 overlap checks: the local part as written, ignoring case only. */
    private static boolean sameAddress(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
