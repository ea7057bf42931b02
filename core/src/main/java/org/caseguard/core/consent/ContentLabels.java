package org.caseguard.core.consent;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels a {@link ContentLabeler} gave one message, each with the IDs of the labeler rules that fired (rule
 * IDs only, never the matched text: this travels in mail attributes and logs). {@code checked} is false when no
 * labeler looked at the content at all ({@link #notChecked()}): then nothing can be said of it, which the consent
 * rules treat as possibly refused content.
 */
public record ContentLabels(Map<ContentLabel, List<String>> evidence, boolean checked) {
    private static final ContentLabels NOT_CHECKED = new ContentLabels(Map.of(), false);

    public ContentLabels {
        EnumMap<ContentLabel, List<String>> copy = new EnumMap<>(ContentLabel.class);
        evidence.forEach((label, rules) -> copy.put(label, List.copyOf(rules)));
        evidence = java.util.Collections.unmodifiableMap(copy);
    }

    public ContentLabels(Map<ContentLabel, List<String>> evidence) {
        this(evidence, true);
    }

    /** Checked, and nothing found. */
    public static ContentLabels none() {
        return new ContentLabels(Map.of());
    }

    public static ContentLabels notChecked() {
        return NOT_CHECKED;
    }

    public boolean has(ContentLabel label) {
        return evidence.containsKey(label);
    }

    public Set<ContentLabel> labels() {
        return evidence.keySet();
    }

    /** label wire name → rule IDs; JSON-safe for mail attributes. */
    public Map<String, Object> toAttributeMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        evidence.forEach((label, rules) -> map.put(label.wire(), List.copyOf(rules)));
        return map;
    }

    @SuppressWarnings("unchecked")
    public static ContentLabels fromAttributeMap(Map<String, Object> map) {
        Map<ContentLabel, List<String>> evidence = new EnumMap<>(ContentLabel.class);
        map.forEach((name, rules) -> ContentLabel.parse(name)
            .ifPresent(label -> evidence.put(label, List.copyOf((List<String>) rules))));
        return new ContentLabels(evidence);
    }
}
