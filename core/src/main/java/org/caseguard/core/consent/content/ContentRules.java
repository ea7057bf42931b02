package org.caseguard.core.consent.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.content.ContentRuleFile.Entry;

/**
 * The validated content of a rule file (format in docs/content-labels.md). Every problem is an
 * {@link IllegalArgumentException} naming the file, line and key and saying what is allowed.
 */
final class ContentRules {

    static final int DEFAULT_WITHIN = 5;
    static final int MAX_WITHIN = 30;
    static final int DEFAULT_NEGATION_WINDOW = 3;
    static final int MAX_NEGATION_WINDOW = 10;

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern LIST_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final List<String> RULE_PROPERTIES =
        List.of("label", "weight", "phrases", "near", "with", "within", "negatable", "unless", "note");
    private static final String ALLOWED_KEYS = "negation.cues, negation.window, list.<NAME>, label.<label>.threshold, "
        + "rule.<ID>.{" + String.join(", ", RULE_PROPERTIES) + "}";

    final List<ContentRule> rules;
    final Map<ContentLabel, Double> thresholds;
    final List<Phrase> negationCues;
    final int negationWindow;

    private ContentRules(List<ContentRule> rules, Map<ContentLabel, Double> thresholds, List<Phrase> negationCues,
                         int negationWindow) {
        this.rules = List.copyOf(rules);
        this.thresholds = Map.copyOf(thresholds);
        this.negationCues = List.copyOf(negationCues);
        this.negationWindow = negationWindow;
    }

    double threshold(ContentLabel label) {
        return thresholds.getOrDefault(label, 1.0);
    }

    static ContentRules parse(Map<String, Entry> entries, String source) {
        return new Parser(entries, source).parse();
    }

    private static final class Parser {
        private final Map<String, Entry> entries;
        private final String source;
        private final Map<String, List<Phrase>> lists = new HashMap<>();
        private final Map<String, Map<String, Entry>> ruleEntries = new HashMap<>();

        Parser(Map<String, Entry> entries, String source) {
            this.entries = entries;
            this.source = source;
        }

        ContentRules parse() {
            Map<ContentLabel, Double> thresholds = new EnumMap<>(ContentLabel.class);
            Entry cues = null;
            Entry window = null;
            for (Entry entry : entries.values()) {
                String key = entry.key();
                String[] parts = key.split("\\.", -1);
                if (key.equals("negation.cues")) {
                    cues = entry;
                } else if (key.equals("negation.window")) {
                    window = entry;
                } else if (parts.length == 2 && parts[0].equals("list")) {
                    if (!LIST_NAME.matcher(parts[1]).matches()) {
                        throw error(entry, "list name must be a letter followed by letters, digits, '_' or '-'");
                    }
                } else if (parts.length == 3 && parts[0].equals("label") && parts[2].equals("threshold")) {
                    ContentLabel label = label(entry, parts[1]);
                    thresholds.put(label, number(entry, true));
                } else if (parts.length == 3 && parts[0].equals("rule")) {
                    if (!RULE_ID.matcher(parts[1]).matches()) {
                        throw error(entry, "rule ID must be letters, digits, '_' or '-' (no dots or spaces)");
                    }
                    if (!RULE_PROPERTIES.contains(parts[2])) {
                        throw error(entry, "unknown rule property '" + parts[2] + "'; allowed: "
                            + String.join(", ", RULE_PROPERTIES));
                    }
                    ruleEntries.computeIfAbsent(parts[1], id -> new HashMap<>()).put(parts[2], entry);
                } else {
                    throw error(entry, "unknown key; allowed: " + ALLOWED_KEYS);
                }
            }
            // lists first: rules may refer to any list wherever it is in the file
            for (Entry entry : entries.values()) {
                if (entry.key().startsWith("list.")) {
                    lists.put(entry.key().substring(5), phrases(entry, false));
                }
            }
            List<ContentRule> rules = new ArrayList<>();
            ruleEntries.forEach((id, properties) -> rules.add(rule(id, properties)));
            rules.sort(Comparator.comparing(ContentRule::id));
            if (rules.isEmpty()) {
                throw new IllegalArgumentException(source + ": no rules; define at least one rule.<ID>.label with "
                    + "rule.<ID>.phrases or rule.<ID>.near/with");
            }
            List<Phrase> negationCues = cues == null ? List.of() : phrases(cues, true);
            int negationWindow = window == null ? DEFAULT_NEGATION_WINDOW
                : wholeNumber(window, 1, MAX_NEGATION_WINDOW);
            return new ContentRules(rules, thresholds, negationCues, negationWindow);
        }

        private ContentRule rule(String id, Map<String, Entry> properties) {
            Entry anyEntry = properties.values().stream().min(Comparator.comparingInt(Entry::line)).orElseThrow();
            Entry labelEntry = properties.get("label");
            if (labelEntry == null) {
                throw error(anyEntry, "rule " + id + " has no rule." + id + ".label; allowed labels: " + labelNames());
            }
            ContentLabel label = label(labelEntry, labelEntry.value());
            double weight = properties.containsKey("weight") ? number(properties.get("weight"), false) : 1.0;
            Entry phrases = properties.get("phrases");
            Entry near = properties.get("near");
            Entry with = properties.get("with");
            Entry within = properties.get("within");
            if (phrases != null && (near != null || with != null)) {
                throw error(phrases, "a rule has either phrases, or near and with, not both");
            }
            if (phrases == null && (near == null || with == null)) {
                throw error(near != null ? near : with != null ? with : labelEntry, "rule " + id
                    + " needs rule." + id + ".phrases, or both rule." + id + ".near and rule." + id + ".with");
            }
            if (within != null && near == null) {
                throw error(within, "within applies only to a proximity rule (near and with)");
            }
            return new ContentRule(id, label, weight,
                phrases == null ? List.of() : phrases(phrases, true),
                near == null ? List.of() : phrases(near, true),
                with == null ? List.of() : phrases(with, true),
                within == null ? DEFAULT_WITHIN : wholeNumber(within, 1, MAX_WITHIN),
                properties.containsKey("negatable") && bool(properties.get("negatable")),
                properties.containsKey("unless") ? phrases(properties.get("unless"), true) : List.of());
        }

        private List<Phrase> phrases(Entry entry, boolean referencesAllowed) {
            List<Phrase> phrases = new ArrayList<>();
            for (String item : entry.value().split(",")) {
                String written = item.strip();
                if (written.isEmpty()) {
                    continue;
                }
                if (written.startsWith("@")) {
                    if (!referencesAllowed) {
                        throw error(entry, "a list cannot refer to another list ('" + written + "')");
                    }
                    List<Phrase> list = lists.get(written.substring(1));
                    if (list == null) {
                        throw error(entry, "unknown list '" + written + "'; defined lists: "
                            + (lists.isEmpty() ? "none" : String.join(", ", lists.keySet().stream().sorted()
                            .map(name -> "@" + name).toList())));
                    }
                    phrases.addAll(list);
                    continue;
                }
                try {
                    phrases.add(Phrase.parse(written));
                } catch (IllegalArgumentException e) {
                    throw error(entry, e.getMessage());
                }
            }
            if (phrases.isEmpty()) {
                throw error(entry, "needs at least one phrase (comma separated words or stem*, or @list)");
            }
            return phrases;
        }

        private ContentLabel label(Entry entry, String value) {
            Optional<ContentLabel> label = ContentLabel.parse(value);
            if (label.isEmpty()) {
                throw error(entry, "unknown label '" + value + "'; allowed: " + labelNames());
            }
            return label.get();
        }

        private double number(Entry entry, boolean positive) {
            double value;
            try {
                value = Double.parseDouble(entry.value());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (Double.isNaN(value) || Double.isInfinite(value) || (positive ? value <= 0 : value == 0)) {
                throw error(entry, (positive ? "must be a number above 0" : "must be a non-zero number (negative "
                    + "weights lower the label's score)") + ", got '" + entry.value() + "'");
            }
            return value;
        }

        private int wholeNumber(Entry entry, int min, int max) {
            try {
                int value = Integer.parseInt(entry.value());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(entry, "must be a whole number " + min + ".." + max + ", got '" + entry.value() + "'");
        }

        private boolean bool(Entry entry) {
            return switch (entry.value()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(entry, "must be true or false, got '" + entry.value() + "'");
            };
        }

        private IllegalArgumentException error(Entry entry, String message) {
            return new IllegalArgumentException(source + " line " + entry.line() + ": " + entry.key() + ": " + message);
        }
    }

    static String labelNames() {
        return Arrays.stream(ContentLabel.values()).map(ContentLabel::wire).collect(Collectors.joining(", "));
    }
}
