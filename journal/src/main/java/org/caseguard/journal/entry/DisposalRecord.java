package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JRN-6: a disposal run destroyed the content of these messages. The run's signed certificate lists every entry
 * (hash and leaf); this leaf binds the certificate's SHA-256 into the log, so that a certificate cannot later be
 * swapped or withdrawn unnoticed.
 */
public record DisposalRecord(String messageKey, Instant recordedAt, String certificateSha256, List<String> disposedMessages,
                             List<String> scheduleItems, String requestedBy, String approvedBy) implements JournalRecord {
    public static final String KIND = "disposal";

    public DisposalRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(certificateSha256, "certificateSha256");
        disposedMessages = List.copyOf(disposedMessages);
        scheduleItems = List.copyOf(scheduleItems);
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("certificateSha256", certificateSha256);
        fields.put("messages", disposedMessages);
        fields.put("scheduleItems", scheduleItems);
        fields.put("requestedBy", requestedBy);
        fields.put("approvedBy", approvedBy);
        return fields;
    }

    static DisposalRecord from(String key, Instant at, Map<String, Object> fields) {
        return new DisposalRecord(key, at, (String) fields.get("certificateSha256"), CanonicalJson.strings(fields.get("messages")),
            CanonicalJson.strings(fields.get("scheduleItems")), (String) fields.get("requestedBy"), (String) fields.get("approvedBy"));
    }
}
