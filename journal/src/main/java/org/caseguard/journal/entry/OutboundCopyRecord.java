package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JRN-1: a copy the server made of a journaled message and sent on in another form (S/MIME-encrypted for one
 * recipient, signed), linked to the original by its message key, with the digest of the exact bytes that left.
 */
public record OutboundCopyRecord(String messageKey, Instant recordedAt, String originalKey, List<String> recipients,
                                 String protection, ContentDigest content) implements JournalRecord {
    public static final String KIND = "outbound-copy";

    public OutboundCopyRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(originalKey, "originalKey");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("original", originalKey);
        fields.put("rcptTo", recipients);
        fields.put("protection", protection);
        fields.put("content", content.fields());
        return fields;
    }

    @SuppressWarnings("unchecked")
    static OutboundCopyRecord from(String key, Instant at, Map<String, Object> fields) {
        return new OutboundCopyRecord(key, at, (String) fields.get("original"), CanonicalJson.strings(fields.get("rcptTo")),
            (String) fields.get("protection"), ContentDigest.from((Map<String, Object>) fields.get("content")));
    }
}
