package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * JRN-1: a message as the server accepted it, before anything could change or deliver it: the envelope and the
 * digest of the exact bytes. {@code source} says where it was recorded: {@code spool} (first step of James's root
 * processor, for mail from SMTP clients and mail the server writes itself: notices, replies, bounces).
 */
public record ReceivedRecord(String messageKey, Instant recordedAt, Envelope envelope, ContentDigest content, String source)
    implements JournalRecord {
    public static final String KIND = "received";

    public ReceivedRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mailFrom", envelope.mailFrom());
        fields.put("rcptTo", envelope.recipients());
        fields.put("authUser", CanonicalJson.optional(envelope.authenticatedUser()));
        fields.put("remoteAddress", CanonicalJson.optional(envelope.remoteAddress()));
        fields.put("remoteHost", CanonicalJson.optional(envelope.remoteHost()));
        fields.put("receivedAt", CanonicalJson.time(envelope.receivedAt()));
        fields.put("content", content.fields());
        fields.put("source", source);
        return fields;
    }

    @SuppressWarnings("unchecked")
    static ReceivedRecord from(String key, Instant at, Map<String, Object> fields) {
        Envelope envelope = new Envelope((String) fields.get("mailFrom"), CanonicalJson.strings(fields.get("rcptTo")),
            CanonicalJson.optional(fields.get("authUser")), CanonicalJson.optional(fields.get("remoteAddress")),
            CanonicalJson.optional(fields.get("remoteHost")), Instant.parse((String) fields.get("receivedAt")));
        return new ReceivedRecord(key, at, envelope, ContentDigest.from(new HashMap<>((Map<String, Object>) fields.get("content"))),
            (String) fields.get("source"));
    }
}
