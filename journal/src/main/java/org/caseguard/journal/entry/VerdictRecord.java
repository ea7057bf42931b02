package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JRN-1, JRN-3: what a stage decided on a message: the cases and clients classification bound it to, the rule IDs
 * that fired on the whole message, and each recipient's outcome with its rules.
 */
public record VerdictRecord(String messageKey, Instant recordedAt, String stage, List<String> cases, List<String> clients,
                            List<String> messageRules, List<RecipientOutcome> recipients) implements JournalRecord {
    public static final String KIND = "verdicts";

    public VerdictRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(stage, "stage");
        cases = CanonicalJson.sortedCopy(cases, Comparator.naturalOrder());
        clients = CanonicalJson.sortedCopy(clients, Comparator.naturalOrder());
        messageRules = CanonicalJson.sortedCopy(messageRules, Comparator.naturalOrder());
        recipients = CanonicalJson.sortedCopy(recipients, Comparator.comparing(RecipientOutcome::recipient));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stage", stage);
        fields.put("cases", cases);
        fields.put("clients", clients);
        fields.put("messageRules", messageRules);
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (RecipientOutcome outcome : recipients) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("recipient", outcome.recipient());
            entry.put("outcome", outcome.outcome());
            entry.put("rules", outcome.rules());
            outcomes.add(entry);
        }
        fields.put("recipients", outcomes);
        return fields;
    }

    @SuppressWarnings("unchecked")
    static VerdictRecord from(String key, Instant at, Map<String, Object> fields) {
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) fields.get("recipients")) {
            outcomes.add(new RecipientOutcome((String) entry.get("recipient"), (String) entry.get("outcome"),
                CanonicalJson.strings(entry.get("rules"))));
        }
        return new VerdictRecord(key, at, (String) fields.get("stage"), CanonicalJson.strings(fields.get("cases")),
            CanonicalJson.strings(fields.get("clients")), CanonicalJson.strings(fields.get("messageRules")), outcomes);
    }
}
