package org.caseguard.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.registry.InvalidRecordException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each rule of a consent record, as an admin's PUT body or an import line would break it. */
class ConsentValidationTest {
    private static ObjectNode adultBody() {
        return ConsentJson.toJson(ConsentSamples.adult("C-1"));
    }

    private static ObjectNode minorBody() {
        return ConsentJson.toJson(ConsentSamples.minor("C-2"));
    }

    private static InvalidRecordException rejected(JsonNode body) {
        try {
            ConsentValidation.parse(body, Optional.empty());
        } catch (InvalidRecordException e) {
            return e;
        }
        throw new AssertionError("accepted an invalid record");
    }

    @Test
    void aFullRecordRoundTripsThroughTheWireForm() {
        assertThat(ConsentValidation.parse(adultBody(), Optional.empty())).isEqualTo(ConsentSamples.adult("C-1"));
        assertThat(ConsentValidation.parse(minorBody(), Optional.empty())).isEqualTo(ConsentSamples.minor("C-2"));
        assertThat(ConsentJson.read(ConsentJson.write(ConsentSamples.minor("C-2")))).isEqualTo(ConsentSamples.minor("C-2"));
    }

    @Test
    void theWireFormHasExactlyTheDocumentedFieldNames() {
        ObjectNode body = minorBody();
        assertThat(body.fieldNames()).toIterable().containsExactly("clientId", "preferredContact", "programApproval",
            "clinicianDetermination", "form", "consentedAddress", "minor", "consentGivenBy", "responsibleAdult",
            "permittedPurposes", "knownAddresses", "worker");
        assertThat(body.get("form").fieldNames()).toIterable().containsExactly("formId", "signedByClient", "signedByWorker",
            "signedOn", "effectiveFrom", "expiresOn");
        assertThat(body.get("consentGivenBy").asText()).isEqualTo("responsible-adult");
        assertThat(body.get("form").get("signedOn").asText()).isEqualTo("2025-01-10");
        assertThat(body.get("responsibleAdult").fieldNames()).toIterable().containsExactly("name", "relationship", "address");
    }

    @Test
    void aMinimalRecordNeedsOnlyTheClient() {
        ConsentRecord record = ConsentValidation.parse(ConsentJson.tree("{\"knownAddresses\":[\"m@mail.test\"]}"), Optional.of("C-1"));
        assertThat(record.clientId()).isEqualTo("C-1");
        assertThat(record.consentGivenBy()).isEqualTo(ConsentGiver.CLIENT);
        assertThat(record.minor()).isFalse();
        assertThat(record.form()).isEmpty();
        assertThat(record.knownAddresses()).containsExactly("m@mail.test");
    }

    @Test
    void unknownFieldsAreNamedAtTheirPath() {
        ObjectNode body = adultBody();
        body.put("nickname", "x");
        assertThat(rejected(body).field()).isEqualTo("nickname");
        assertThat(rejected(body)).hasMessageContaining("is not a known field");

        ObjectNode nested = adultBody();
        ((ObjectNode) nested.get("form")).put("signedBy", "x");
        assertThat(rejected(nested).field()).isEqualTo("form.signedBy");
        assertThat(rejected(nested)).hasMessageContaining("known fields of form are");
    }

    @Test
    void addressesMustBeValidAndAreNotEchoed() {
        for (String field : List.of("consentedAddress", "worker", "supervisor")) {
            ObjectNode body = adultBody();
            body.put(field, "maria-at-mail.test");
            InvalidRecordException error = rejected(body);
            assertThat(error.field()).isEqualTo(field);
            assertThat(error).hasMessageContaining("must be an email address").hasMessageNotContaining("maria-at-mail.test");
        }
        ObjectNode known = adultBody();
        known.putArray("knownAddresses").add("ok@mail.test").add("bad@@mail..test");
        assertThat(rejected(known).field()).isEqualTo("knownAddresses");
        assertThat(rejected(known)).hasMessageNotContaining("bad@@");

        ObjectNode adult = minorBody();
        ((ObjectNode) adult.get("responsibleAdult")).put("address", "ana@");
        assertThat(rejected(adult).field()).isEqualTo("responsibleAdult.address");
    }

    @Test
    void domainsAreNormalisedAndLocalPartsKept() {
        ObjectNode body = adultBody();
        body.put("consentedAddress", "Maria.Lopez@MAIL.Test");
        assertThat(ConsentValidation.parse(body, Optional.empty()).consentedAddress()).contains("Maria.Lopez@mail.test");
    }

    @Test
    void expiryMustNotPrecedeTheEffectiveDate() {
        ObjectNode body = adultBody();
        ((ObjectNode) body.get("form")).put("expiresOn", "2025-01-09");
        assertThat(rejected(body).field()).isEqualTo("form.expiresOn");
        assertThat(rejected(body)).hasMessageContaining("must not be before form.effectiveFrom (2025-01-10), got 2025-01-09");

        ((ObjectNode) body.get("form")).put("expiresOn", "2025-01-10");
        assertThat(ConsentValidation.parse(body, Optional.empty()).form().orElseThrow().expiresOn()).contains(LocalDate.of(2025, 1, 10));
    }

    @Test
    void aRevocationNeedsWhoRecordedIt() {
        ObjectNode body = adultBody();
        ((ObjectNode) body.get("form")).put("revokedOn", "2025-03-01");
        assertThat(rejected(body).field()).isEqualTo("form.revokedBy");

        ObjectNode byOnly = adultBody();
        ((ObjectNode) byOnly.get("form")).put("revokedBy", "Pat Worker");
        assertThat(rejected(byOnly).field()).isEqualTo("form.revokedOn");

        ObjectNode beforeSigning = adultBody();
        ((ObjectNode) beforeSigning.get("form")).put("revokedOn", "2024-12-31").put("revokedBy", "Pat Worker");
        assertThat(rejected(beforeSigning).field()).isEqualTo("form.revokedOn");
    }

    @Test
    void consentByAResponsibleAdultNeedsTheAdultAndAMinor() {
        ObjectNode noAdult = minorBody();
        noAdult.remove("responsibleAdult");
        assertThat(rejected(noAdult).field()).isEqualTo("responsibleAdult");

        ObjectNode notMinor = minorBody();
        notMinor.put("minor", false);
        assertThat(rejected(notMinor).field()).isEqualTo("minor");

        for (String part : List.of("name", "relationship", "address")) {
            ObjectNode missing = minorBody();
            ((ObjectNode) missing.get("responsibleAdult")).remove(part);
            assertThat(rejected(missing).field()).isEqualTo("responsibleAdult." + part);
            assertThat(rejected(missing)).hasMessageContaining("is required");
        }

        ObjectNode adultForAClient = adultBody();
        adultForAClient.set("responsibleAdult", minorBody().get("responsibleAdult"));
        assertThat(rejected(adultForAClient).field()).isEqualTo("responsibleAdult");
    }

    @Test
    void theConsentedAddressIsNeverAlsoAKnownAddress() {
        ObjectNode body = adultBody();
        body.putArray("knownAddresses").add("maria.lopez@MAIL.test");
        assertThat(rejected(body).field()).isEqualTo("knownAddresses");
        assertThat(rejected(body)).hasMessageContaining("consentedAddress");

        ObjectNode adultAddress = minorBody();
        adultAddress.putArray("knownAddresses").add("ana@mail.test");
        assertThat(rejected(adultAddress)).hasMessageContaining("responsibleAdult.address");
    }

    @Test
    void purposesComeFromTheCn7List() {
        ObjectNode body = adultBody();
        body.putArray("permittedPurposes").add("scheduling").add("therapy");
        assertThat(rejected(body).field()).isEqualTo("permittedPurposes");
        assertThat(rejected(body)).hasMessageContaining("scheduling, appointment-reminder, treatment-instruction-reminder,"
            + " factual-information, got \"therapy\"");

        body.putArray("permittedPurposes").add("factual-information").add("treatment-instruction-reminder");
        assertThat(ConsentValidation.parse(body, Optional.empty()).permittedPurposes())
            .isEqualTo(Set.of(Purpose.FACTUAL_INFORMATION, Purpose.TREATMENT_INSTRUCTION_REMINDER));
    }

    @Test
    void enumerationsDatesAndTypesNameTheFieldAndTheAllowedValues() {
        ObjectNode contact = adultBody();
        contact.put("preferredContact", "fax");
        assertThat(rejected(contact)).hasMessage("\"preferredContact\": must be one of email, telephone, mail, in-person, got \"fax\"");

        ObjectNode giver = adultBody();
        giver.put("consentGivenBy", "parent");
        assertThat(rejected(giver).field()).isEqualTo("consentGivenBy");

        ObjectNode date = adultBody();
        ((ObjectNode) date.get("programApproval")).put("approvedOn", "02/01/2025");
        assertThat(rejected(date)).hasMessage("\"programApproval.approvedOn\": must be an ISO date yyyy-mm-dd, got \"02/01/2025\"");

        ObjectNode bool = adultBody();
        ((ObjectNode) bool.get("form")).put("signedByClient", "yes");
        assertThat(rejected(bool)).hasMessage("\"form.signedByClient\": must be true or false, got a string");

        ObjectNode missing = adultBody();
        ((ObjectNode) missing.get("clinicianDetermination")).remove("determinedOn");
        assertThat(rejected(missing).field()).isEqualTo("clinicianDetermination.determinedOn");

        ObjectNode number = adultBody();
        number.put("worker", 42);
        assertThat(rejected(number)).hasMessage("\"worker\": must be a string, got a number");
    }

    @Test
    void theClientComesFromTheUrlOrTheBody() {
        ObjectNode body = adultBody();
        assertThat(ConsentValidation.parse(body, Optional.of("C-1")).clientId()).isEqualTo("C-1");
        assertThatThrownBy(() -> ConsentValidation.parse(body, Optional.of("C-9")))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("\"clientId\"");
        body.remove("clientId");
        assertThatThrownBy(() -> ConsentValidation.parse(body, Optional.empty())).hasMessage("\"clientId\": is required");
        body.put("clientId", "bad id!");
        assertThatThrownBy(() -> ConsentValidation.parse(body, Optional.empty())).hasMessageStartingWith("\"clientId\": must be 1 to 100");
    }

    @Test
    void aRepeatedFieldOrABrokenBodyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ConsentJson.tree("{\"worker\":\"a@agency.example\",\"worker\":\"b@agency.example\"}"))
            .hasMessage("\"(body)\": must not repeat a field");
        assertThatThrownBy(() -> ConsentJson.tree("{\"consentedAddress\":\"secret@mail.test\""))
            .hasMessage("\"(body)\": must be a JSON object");
        assertThatThrownBy(() -> ConsentJson.tree("[]")).hasMessage("\"(body)\": must be a JSON object");
    }

    @Test
    void revocationSetsDateAndWhoOnceOnly() {
        ConsentRecord revoked = ConsentValidation.revoke(ConsentSamples.adult("C-1"),
            ConsentJson.tree("{\"revokedOn\":\"2025-03-01\",\"revokedBy\":\"Pat Worker\"}"));
        assertThat(revoked.form().orElseThrow().revokedOn()).contains(LocalDate.of(2025, 3, 1));
        assertThat(revoked.form().orElseThrow().revokedBy()).contains("Pat Worker");
        assertThat(revoked.form().orElseThrow().formId()).isEqualTo("MH-708");

        assertThatThrownBy(() -> ConsentValidation.revoke(revoked, ConsentJson.tree("{\"revokedOn\":\"2025-04-01\",\"revokedBy\":\"x\"}")))
            .hasMessageStartingWith("\"form.revokedOn\": the form was already revoked on 2025-03-01");
        assertThatThrownBy(() -> ConsentValidation.revoke(ConsentSamples.adult("C-1"), ConsentJson.tree("{\"revokedOn\":\"2025-03-01\"}")))
            .hasMessageStartingWith("\"revokedBy\": is required");
        assertThatThrownBy(() -> ConsentValidation.revoke(ConsentSamples.adult("C-1"), ConsentJson.tree("{\"revokedOn\":\"1/3/2025\",\"revokedBy\":\"x\"}")))
            .hasMessageStartingWith("\"revokedOn\": must be an ISO date");
        assertThatThrownBy(() -> ConsentValidation.revoke(ConsentSamples.withForm(ConsentSamples.adult("C-1"), null),
            ConsentJson.tree("{\"revokedOn\":\"2025-03-01\",\"revokedBy\":\"x\"}"))).hasMessageStartingWith("\"form\": no consent form");
    }

    @Test
    void flattenGivesEveryFieldPathInWireForm() {
        assertThat(ConsentJson.flatten(ConsentSamples.minor("C-2")))
            .containsEntry("responsibleAdult.relationship", "mother")
            .containsEntry("form.signedByClient", "true")
            .containsEntry("minor", "true")
            .containsEntry("consentGivenBy", "responsible-adult")
            .containsEntry("knownAddresses", "[]")
            .containsEntry("permittedPurposes", "[\"scheduling\"]")
            .doesNotContainKey("supervisor")
            .doesNotContainKey("form.revokedOn");
    }
}
