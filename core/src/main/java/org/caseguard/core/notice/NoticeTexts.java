package org.caseguard.core.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The plain-language texts of notices: defaults from {@code notice-texts.properties}, each overridable by
 * configuration. Placeholders are {@code {name}}; unknown keys are an error, so a typo in configuration is caught
 * at startup rather than shown to a caseworker.
 */
public final class NoticeTexts {
    private static final String DEFAULTS = "/org/caseguard/core/notice/notice-texts.properties";

    private final Map<String, String> texts;

    private NoticeTexts(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    public static NoticeTexts defaults() {
        try (InputStream in = NoticeTexts.class.getResourceAsStream(DEFAULTS)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return new NoticeTexts(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    public NoticeTexts withOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(texts);
        overrides.forEach((key, value) -> {
            if (!texts.containsKey(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a notice text; known texts are " + new java.util.TreeSet<>(texts.keySet()));
            }
            merged.put(key, value);
        });
        return new NoticeTexts(merged);
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public String get(String key, Map<String, String> variables) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no notice text '" + key + "'");
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            text = text.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return text;
    }
}
