package org.caseguard.core.autoreply;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The texts of automatic replies: defaults from auto-reply-texts.properties, each replaceable by configuration. */
public final class AutoReplyTexts {
    private static final String DEFAULTS = "/org/caseguard/core/autoreply/auto-reply-texts.properties";
    private static final Set<String> REPLY_VARIABLES = Set.of("agency", "telephone", "postalAddress", "crisisLine", "officeHours");
    private static final Set<String> NOTICE_VARIABLES = Set.of("agency", "telephone", "postalAddress", "crisisLine",
        "officeHours", "key", "reason");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, String> texts;

    private AutoReplyTexts(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    public static AutoReplyTexts defaults() {
        try (InputStream in = AutoReplyTexts.class.getResourceAsStream(DEFAULTS)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return new AutoReplyTexts(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    /** @throws IllegalArgumentException for an unknown key or a variable the text cannot have */
    public AutoReplyTexts withOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(texts);
        overrides.forEach((key, value) -> {
            if (!texts.containsKey(key)) {
                throw new IllegalArgumentException("'" + key + "' is not an auto-reply text; known texts are " + keys());
            }
            Set<String> allowed = key.startsWith("notice.") ? NOTICE_VARIABLES : REPLY_VARIABLES;
            Matcher matcher = VARIABLE.matcher(value);
            while (matcher.find()) {
                if (!allowed.contains(matcher.group(1))) {
                    throw new IllegalArgumentException("text '" + key + "' uses unknown variable {" + matcher.group(1)
                        + "}; allowed are " + new TreeSet<>(allowed));
                }
            }
            merged.put(key, value.replace("\\n", "\n"));
        });
        return new AutoReplyTexts(merged);
    }

    public Set<String> keys() {
        return new TreeSet<>(texts.keySet());
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public String get(String key, Map<String, String> variables) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no auto-reply text '" + key + "'");
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            text = text.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return text;
    }
}
