package org.caseguard.core.consent;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.caseguard.core.registry.InvalidRecordException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The wire form of a {@link ConsentRecord}: the JSON of the WebAdmin routes, of the bulk import and of the stored
 * history. Reading checks the shape only (known field names, types, enumerations, ISO dates), naming the field
 * path on error; the rules between fields are {@link ConsentValidation}'s, so a state stored under older rules
 * still reads back. Absent optional fields are omitted on writing.
 */
public final class ConsentJson {
    public static final List<String> FIELDS = List.of("clientId", "preferredContact", "programApproval",
        "clinicianDetermination", "form", "consentedAddress", "minor", "consentGivenBy", "responsibleAdult",
        "permittedPurposes", "knownAddresses", "worker", "supervisor");
    private static final List<String> PROGRAM_APPROVAL = List.of("program", "approvedBy", "approvedOn");
    private static final List<String> CLINICIAN_DETERMINATION = List.of("clinician", "determinedOn");
    private static final List<String> FORM = List.of("formId", "signedByClient", "signedByWorker", "signedOn",
        "effectiveFrom", "expiresOn", "revokedOn", "revokedBy");
    private static final List<String> RESPONSIBLE_ADULT = List.of("name", "relationship", "address");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConsentJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toJson(ConsentRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("clientId", record.clientId());
        record.preferredContact().ifPresent(method -> node.put("preferredContact", method.wire()));
        record.programApproval().ifPresent(approval -> node.putObject("programApproval")
            .put("program", approval.program())
            .put("approvedBy", approval.approvedBy())
            .put("approvedOn", approval.approvedOn().toString()));
        record.clinicianDetermination().ifPresent(determination -> node.putObject("clinicianDetermination")
            .put("clinician", determination.clinician())
            .put("determinedOn", determination.determinedOn().toString()));
        record.form().ifPresent(form -> {
            ObjectNode formNode = node.putObject("form");
            formNode.put("formId", form.formId());
            formNode.put("signedByClient", form.signedByClient());
            form.signedByWorker().ifPresent(worker -> formNode.put("signedByWorker", worker));
            formNode.put("signedOn", form.signedOn().toString());
            formNode.put("effectiveFrom", form.effectiveFrom().toString());
            form.expiresOn().ifPresent(date -> formNode.put("expiresOn", date.toString()));
            form.revokedOn().ifPresent(date -> formNode.put("revokedOn", date.toString()));
            form.revokedBy().ifPresent(who -> formNode.put("revokedBy", who));
        });
        record.consentedAddress().ifPresent(address -> node.put("consentedAddress", address));
        node.put("minor", record.minor());
        node.put("consentGivenBy", record.consentGivenBy().wire());
        record.responsibleAdult().ifPresent(adult -> node.putObject("responsibleAdult")
            .put("name", adult.name())
            .put("relationship", adult.relationship())
            .put("address", adult.address()));
        ArrayNode purposes = node.putArray("permittedPurposes");
        // Enum order, not set order: the same record always has the same wire form (history compares it).
        for (Purpose purpose : Purpose.values()) {
            if (record.permittedPurposes().contains(purpose)) {
                purposes.add(purpose.wire());
            }
        }
        ArrayNode known = node.putArray("knownAddresses");
        record.knownAddresses().forEach(known::add);
        record.worker().ifPresent(worker -> node.put("worker", worker));
        record.supervisor().ifPresent(supervisor -> node.put("supervisor", supervisor));
        return node;
    }

    public static String write(ConsentRecord record) {
        return toJson(record).toString();
    }

    /** A stored state back into a record (shape checks only). */
    public static ConsentRecord read(String json) {
        try {
            return parse(MAPPER.readTree(json), Optional.empty());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored consent record is not JSON", e);
        }
    }

    /** Parses JSON text (a request body, an import line); a syntax error is reported without echoing the text. */
    public static JsonNode tree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw new InvalidRecordException("(body)", "must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                ? "must not repeat a field" : "must be a JSON object";
            throw new InvalidRecordException("(body)", reason);
        }
    }

    /**
     * The shape of a record.
     *
     * @param clientIdFromPath the client the record is for when the caller knows it (a URL); a {@code clientId} in
     *                         the body must then be the same
     */
    public static ConsentRecord parse(JsonNode node, Optional<String> clientIdFromPath) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException("(body)", "must be a JSON object");
        }
        allowOnly(node, "", FIELDS);
        Optional<String> bodyClientId = text(node, "clientId", "clientId");
        String clientId;
        if (clientIdFromPath.isPresent()) {
            if (bodyClientId.isPresent() && !bodyClientId.get().equals(clientIdFromPath.get())) {
                throw new InvalidRecordException("clientId", "must be the client of the URL when given in the body");
            }
            clientId = clientIdFromPath.get();
        } else {
            clientId = bodyClientId.orElseThrow(() -> new InvalidRecordException("clientId", "is required"));
        }
        Optional<ContactMethod> preferredContact = text(node, "preferredContact", "preferredContact").map(value ->
            ContactMethod.parse(value).orElseThrow(() -> new InvalidRecordException("preferredContact",
                "must be one of " + ContactMethod.allowedValues() + ", got \"" + value + "\"")));
        Optional<ProgramApproval> programApproval = object(node, "programApproval", PROGRAM_APPROVAL).map(approval ->
            new ProgramApproval(required(approval, "programApproval.program"), required(approval, "programApproval.approvedBy"),
                requiredDate(approval, "programApproval.approvedOn")));
        Optional<ClinicianDetermination> determination = object(node, "clinicianDetermination", CLINICIAN_DETERMINATION)
            .map(clinician -> new ClinicianDetermination(required(clinician, "clinicianDetermination.clinician"),
                requiredDate(clinician, "clinicianDetermination.determinedOn")));
        Optional<ConsentForm> form = object(node, "form", FORM).map(formNode -> new ConsentForm(
            required(formNode, "form.formId"),
            bool(formNode, "form.signedByClient", false),
            text(formNode, "signedByWorker", "form.signedByWorker"),
            requiredDate(formNode, "form.signedOn"),
            requiredDate(formNode, "form.effectiveFrom"),
            date(formNode, "form.expiresOn"),
            date(formNode, "form.revokedOn"),
            text(formNode, "revokedBy", "form.revokedBy")));
        Optional<String> consentedAddress = text(node, "consentedAddress", "consentedAddress");
        boolean minor = bool(node, "minor", false);
        ConsentGiver giver = text(node, "consentGivenBy", "consentGivenBy").map(value -> ConsentGiver.parse(value)
                .orElseThrow(() -> new InvalidRecordException("consentGivenBy", "must be one of client, responsible-adult, got \"" + value + "\"")))
            .orElse(ConsentGiver.CLIENT);
        Optional<ResponsibleAdult> adult = object(node, "responsibleAdult", RESPONSIBLE_ADULT).map(adultNode ->
            new ResponsibleAdult(required(adultNode, "responsibleAdult.name"), required(adultNode, "responsibleAdult.relationship"),
                required(adultNode, "responsibleAdult.address")));
        Set<Purpose> purposes = new LinkedHashSet<>();
        for (String value : strings(node, "permittedPurposes")) {
            purposes.add(Purpose.parse(value).orElseThrow(() -> new InvalidRecordException("permittedPurposes",
                "each must be one of " + Purpose.allowedValues() + ", got \"" + value + "\"")));
        }
        List<String> knownAddresses = strings(node, "knownAddresses");
        return new ConsentRecord(clientId, preferredContact, programApproval, determination, form, consentedAddress, minor,
            giver, adult, purposes, knownAddresses, text(node, "worker", "worker"), text(node, "supervisor", "supervisor"));
    }

    /**
     * Every field of the record as path → wire value ({@code form.expiresOn} → {@code 2025-06-30}); lists as JSON
     * arrays. Absent fields are not in the map. The field-level history compares two of these.
     */
    public static Map<String, String> flatten(ConsentRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", toJson(record), fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(path + ".", value, fields);
            } else if (value.isArray()) {
                fields.put(path, value.toString());
            } else {
                fields.put(path, value.asText());
            }
        }
    }

    private static void allowOnly(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRecordException(prefix + name, "is not a known field; known fields"
                    + (prefix.isEmpty() ? "" : " of " + prefix.substring(0, prefix.length() - 1)) + " are " + new TreeSet<>(allowed));
            }
        }
    }

    private static Optional<JsonNode> object(JsonNode parent, String field, List<String> allowed) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new InvalidRecordException(field, "must be an object with fields " + allowed);
        }
        allowOnly(value, field + ".", allowed);
        return Optional.of(value);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** A string field; blank counts as absent. */
    private static Optional<String> text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(path, "must be a string, got " + kind(value));
        }
        return Optional.of(value.asText().trim()).filter(text -> !text.isEmpty());
    }

    private static String required(JsonNode parent, String path) {
        return text(parent, leaf(path), path).orElseThrow(() -> new InvalidRecordException(path, "is required"));
    }

    private static Optional<LocalDate> date(JsonNode parent, String path) {
        return text(parent, leaf(path), path).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException(path, "must be an ISO date yyyy-mm-dd, got \"" + value + "\"");
            }
        });
    }

    private static LocalDate requiredDate(JsonNode parent, String path) {
        return date(parent, path).orElseThrow(() -> new InvalidRecordException(path, "is required (an ISO date yyyy-mm-dd)"));
    }

    private static boolean bool(JsonNode parent, String path, boolean absent) {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(path, "must be true or false, got " + kind(value));
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidRecordException(field, "must be a list of strings, got " + kind(value));
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidRecordException(field, "must be a list of non-empty strings, got an item that is " + kind(item));
            }
            strings.add(item.asText().trim());
        }
        return strings;
    }

    /** What kind of JSON value was given, never the value itself (it may be personal). */
    private static String kind(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().isBlank() ? "an empty string" : "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }
}
