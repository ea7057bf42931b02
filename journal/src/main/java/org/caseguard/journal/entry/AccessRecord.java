package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * JRN-7: someone searched, viewed, exported or verified the journal. Recorded in the log itself, so that an access
 * cannot be removed from the record without {@code verify} noticing. {@code criteria} are what was asked (case,
 * participant, date range...), {@code messageKeys} the messages the answer disclosed.
 */
public record AccessRecord(String messageKey, Instant recordedAt, String actor, String action, Map<String, String> criteria,
                           List<String> messageKeys) implements JournalRecord {
    public static final String KIND = "access";

    public AccessRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        criteria = Map.copyOf(criteria);
        messageKeys = List.copyOf(messageKeys);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("criteria", new TreeMap<>(criteria));
        fields.put("messages", messageKeys);
        return fields;
    }

    @SuppressWarnings("unchecked")
    static AccessRecord from(String key, Instant at, Map<String, Object> fields) {
        return new AccessRecord(key, at, (String) fields.get("actor"), (String) fields.get("action"),
            (Map<String, String>) fields.getOrDefault("criteria", Map.of()), CanonicalJson.strings(fields.get("messages")));
    }
}
