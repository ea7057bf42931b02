package org.caseguard.journal.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.caseguard.journal.Hash;

/** SHA-256 and size of a message's exact bytes, as recorded in the log (the bytes themselves live in the content store). */
public record ContentDigest(Hash sha256, long size) {
    public ContentDigest {
        Objects.requireNonNull(sha256, "sha256");
    }

    public static ContentDigest of(byte[] content) {
        return new ContentDigest(Hash.sha256(content), content.length);
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sha256", sha256.hex());
        fields.put("size", size);
        return fields;
    }

    static ContentDigest from(Map<String, Object> fields) {
        return new ContentDigest(Hash.fromHex((String) fields.get("sha256")), ((Number) fields.get("size")).longValue());
    }
}
