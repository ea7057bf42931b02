package org.caseguard.core.registry;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.caseguard.core.domain.Domains;

/**
 * Turns untrusted field maps (a REST body, an import line) into registry records, or fails naming the field.
 * Shared by the WebAdmin routes and the bulk import so that both accept exactly the same records.
 */
public final class RegistryValidation {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]{1,64}");

    private RegistryValidation() {
    }

    public static String domain(String field, String value) {
        Optional<String> normalised = Domains.normalise(value);
        if (normalised.isEmpty() || !normalised.get().contains(".")
            || !java.util.Arrays.stream(normalised.get().split("\\.")).allMatch(label -> LABEL.matcher(label).matches())) {
            throw new InvalidRecordException(field, "must be a domain name such as agency.example, got \"" + value + "\"");
        }
        return normalised.get();
    }

    public static String address(String field, String value) {
        int at = value == null ? -1 : value.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(value.substring(0, at)).matches()) {
            throw new InvalidRecordException(field, "must be an email address such as name@example.org, got \"" + value + "\"");
        }
        return value.substring(0, at) + "@" + domain(field, value.substring(at + 1));
    }

    /** An allow-list or directory key: a full address, or {@code @domain} for a whole domain. */
    public static String addressOrDomain(String field, String value) {
        if (value != null && value.startsWith("@")) {
            return "@" + domain(field, value.substring(1));
        }
        return address(field, value);
    }

    public static String key(String field, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new InvalidRecordException(field, "must be 1 to 100 letters, digits or . _ / : - starting with a letter or digit, got \"" + value + "\"");
        }
        return value;
    }

    public static Client client(String id, Map<String, Object> fields) {
        allowOnly(fields, Set.of("id", "givenName", "familyName", "dateOfBirth", "identifiers", "type"));
        String clientId = key("id", id);
        String given = requiredText(fields, "givenName", 200);
        String family = requiredText(fields, "familyName", 200);
        Optional<LocalDate> dateOfBirth = optionalText(fields, "dateOfBirth").map(value -> {
            try {
                LocalDate date = LocalDate.parse(value);
                if (date.isAfter(LocalDate.now())) {
                    throw new InvalidRecordException("dateOfBirth", "must not be in the future, got \"" + value + "\"");
                }
                return date;
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException("dateOfBirth", "must be an ISO date yyyy-mm-dd, got \"" + value + "\"");
            }
        });
        List<String> identifiers = stringList(fields, "identifiers");
        for (String identifier : identifiers) {
            if (identifier.replaceAll("[^A-Za-z0-9]", "").length() < 4) {
                throw new InvalidRecordException("identifiers", "each identifier needs at least 4 letters or digits, got \"" + identifier + "\"");
            }
        }
        return new Client(clientId, given, family, dateOfBirth, identifiers);
    }

    public static CaseRecord caseRecord(String number, Map<String, Object> fields, Predicate<String> clientExists) {
        allowOnly(fields, Set.of("number", "status", "restricted", "clients", "type"));
        String caseNumber = key("number", number);
        if (caseNumber.replaceAll("[^A-Za-z0-9]", "").length() < 4) {
            throw new InvalidRecordException("number", "needs at least 4 letters or digits, got \"" + number + "\"");
        }
        String status = optionalText(fields, "status").orElse("open").toUpperCase(Locale.ROOT);
        if (!Set.of("OPEN", "CLOSED").contains(status)) {
            throw new InvalidRecordException("status", "must be one of open, closed, got \"" + fields.get("status") + "\"");
        }
        Object restricted = fields.getOrDefault("restricted", false);
        if (!(restricted instanceof Boolean)) {
            throw new InvalidRecordException("restricted", "must be true or false, got \"" + restricted + "\"");
        }
        List<String> clients = stringList(fields, "clients");
        for (String client : clients) {
            if (!clientExists.test(client)) {
                throw new InvalidRecordException("clients", "unknown client \"" + client + "\": register the client first");
            }
        }
        return new CaseRecord(caseNumber, CaseStatus.valueOf(status), (Boolean) restricted, clients);
    }

    public static ExternalParty party(String address, Map<String, Object> fields) {
        allowOnly(fields, Set.of("address", "category", "displayName", "type"));
        String key = addressOrDomain("address", address);
        String categoryText = requiredText(fields, "category", 64);
        PartyCategory category = PartyCategory.parse(categoryText).orElseThrow(() -> new InvalidRecordException("category",
            "must be one of " + PartyCategory.allowedValues() + ", got \"" + categoryText + "\""));
        return new ExternalParty(key, category, optionalText(fields, "displayName").orElse(""));
    }

    public static AllowListEntry allowEntry(String address, Optional<String> caseNumber, Map<String, Object> fields,
                                            Predicate<String> caseExists) {
        allowOnly(fields, Set.of("address", "caseNumber", "reason", "encryptedOnly", "type"));
        String key = addressOrDomain("address", address);
        caseNumber.ifPresent(number -> {
            if (!caseExists.test(number)) {
                throw new InvalidRecordException("caseNumber", "unknown case \"" + number + "\": register the case first");
            }
        });
        Object encryptedOnly = fields.getOrDefault("encryptedOnly", false);
        if (encryptedOnly instanceof String text && (text.equals("true") || text.equals("false"))) {
            encryptedOnly = Boolean.parseBoolean(text); // CSV import
        }
        if (!(encryptedOnly instanceof Boolean)) {
            throw new InvalidRecordException("encryptedOnly", "must be true or false, got \"" + encryptedOnly + "\"");
        }
        return new AllowListEntry(key, caseNumber, optionalText(fields, "reason").orElse(""), (Boolean) encryptedOnly);
    }

    private static void allowOnly(Map<String, Object> fields, Set<String> allowed) {
        for (String field : fields.keySet()) {
            if (!allowed.contains(field)) {
                throw new InvalidRecordException(field, "is not a known field; known fields are " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String requiredText(Map<String, Object> fields, String field, int maxLength) {
        String value = optionalText(fields, field).orElseThrow(() -> new InvalidRecordException(field, "is required"));
        if (value.length() > maxLength) {
            throw new InvalidRecordException(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    private static Optional<String> optionalText(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidRecordException(field, "must be a string");
        }
        return Optional.of(text.trim()).filter(text2 -> !text2.isEmpty());
    }

    private static List<String> stringList(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidRecordException(field, "must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new InvalidRecordException(field, "must be a list of non-empty strings");
            }
            strings.add(text.trim());
        }
        return strings;
    }
}
