package org.caseguard.journal.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseguard.journal.Hash;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The bytes a journal record is hashed over: compact UTF-8 JSON, object keys sorted, integers only, times as
 * ISO-8601 UTC with milliseconds. Anyone can recompute an entry hash with SHA-256 over these bytes.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {
    }

    public static byte[] bytes(JournalRecord record) {
        Map<String, Object> fields = new java.util.TreeMap<>(record.fields());
        fields.put("v", JournalRecord.FORMAT_VERSION);
        fields.put("kind", record.kind());
        fields.put("key", record.messageKey());
        fields.put("at", time(record.recordedAt()));
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Hash entryHash(byte[] canonicalBytes) {
        return Hash.sha256(canonicalBytes);
    }

    public static JournalRecord parse(byte[] canonicalBytes) {
        Map<String, Object> fields;
        try {
            fields = MAPPER.readValue(canonicalBytes, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("journal record: not canonical JSON", e);
        }
        String kind = (String) fields.get("kind");
        String key = (String) fields.get("key");
        Instant at = Instant.parse((String) fields.get("at"));
        return switch (kind) {
            case ReceivedRecord.KIND -> ReceivedRecord.from(key, at, fields);
            case VerdictRecord.KIND -> VerdictRecord.from(key, at, fields);
            case OutboundCopyRecord.KIND -> OutboundCopyRecord.from(key, at, fields);
            case AccessRecord.KIND -> AccessRecord.from(key, at, fields);
            case DisposalRecord.KIND -> DisposalRecord.from(key, at, fields);
            default -> throw new IllegalArgumentException("journal record: unknown kind '" + kind + "'");
        };
    }

    static String time(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli()).toString();
    }

    static Object optional(Optional<String> value) {
        return value.orElse(null);
    }

    static Optional<String> optional(Object value) {
        return Optional.ofNullable((String) value);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }

    static <T> List<T> sortedCopy(List<T> values, java.util.Comparator<T> order) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
