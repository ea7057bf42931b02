package org.caseguard.core.consent.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabeler;
import org.caseguard.core.consent.ContentLabels;

/**
 * Labels message content with lexicon, phrase and proximity rules read from a rule file (format and defaults in
 * docs/content-labels.md; the shipped file is {@value #DEFAULT_RESOURCE}). Each segment (and the subject) is read once,
 * word by word: the words starting a configured phrase are found by hash lookup of the word and of its configured
 * prefix lengths, so the cost per word does not grow with the number of rules. A rule fires when it matches in any
 * segment; a label is given when the summed weights of its fired rules reach the label's threshold, with the IDs of
 * its positively weighted fired rules as evidence. Immutable and thread-safe.
 */
public final class RuleBasedContentLabeler implements ContentLabeler {

    public static final String DEFAULT_RESOURCE = "caseguard/content-labels.properties";

    private static final int HIT = 0;
    private static final int NEAR = 1;
    private static final int WITH = 2;
    private static final int UNLESS = 3;

    private final List<ContentRule> rules;
    private final Map<ContentLabel, Double> thresholds;
    private final int negationWindow;
    private final List<Phrase> phrases;
    /** per phrase: (rule index << 2 | role) for each use of the phrase by a rule. */
    private final int[][] uses;
    private final boolean[] negationCue;
    private final Map<String, int[]> byFirstWord;
    private final PrefixTrie byFirstPrefix;
    private final int[] byFirstNumber;

    private RuleBasedContentLabeler(ContentRules config) {
        this.rules = config.rules;
        this.negationWindow = config.negationWindow;
        Map<ContentLabel, Double> thresholds = new EnumMap<>(ContentLabel.class);
        for (ContentLabel label : ContentLabel.values()) {
            thresholds.put(label, config.threshold(label));
        }
        this.thresholds = thresholds;

        Map<String, Integer> ids = new LinkedHashMap<>();
        List<Phrase> phrases = new ArrayList<>();
        Map<Integer, List<Integer>> uses = new HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            ContentRule rule = rules.get(r);
            register(rule.phrases(), r, HIT, ids, phrases, uses);
            register(rule.near(), r, NEAR, ids, phrases, uses);
            register(rule.with(), r, WITH, ids, phrases, uses);
            register(rule.unless(), r, UNLESS, ids, phrases, uses);
        }
        List<Integer> cues = new ArrayList<>();
        for (Phrase cue : config.negationCues) {
            cues.add(idOf(cue, ids, phrases));
        }
        this.phrases = List.copyOf(phrases);
        this.uses = new int[phrases.size()][];
        this.negationCue = new boolean[phrases.size()];
        for (int p = 0; p < phrases.size(); p++) {
            this.uses[p] = uses.getOrDefault(p, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }
        cues.forEach(p -> negationCue[p] = true);

        Map<String, List<Integer>> byWord = new HashMap<>();
        Map<String, List<Integer>> byPrefix = new HashMap<>();
        List<Integer> byNumber = new ArrayList<>();
        for (int p = 0; p < phrases.size(); p++) {
            Phrase phrase = phrases.get(p);
            switch (phrase.kind(0)) {
                case WORD -> byWord.computeIfAbsent(phrase.text(0), k -> new ArrayList<>()).add(p);
                case PREFIX -> {
                    byPrefix.computeIfAbsent(phrase.text(0), k -> new ArrayList<>()).add(p);
                }
                case NUMBER -> byNumber.add(p);
            }
        }
        this.byFirstWord = toArrays(byWord);
        this.byFirstPrefix = PrefixTrie.of(byPrefix);
        this.byFirstNumber = byNumber.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rules shipped in the jar ({@value #DEFAULT_RESOURCE}). */
    public static RuleBasedContentLabeler defaults() {
        return Defaults.INSTANCE;
    }

    /** Reads a rule file; any error names the file, line and key. */
    public static RuleBasedContentLabeler fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return fromStream(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content rules from " + file, e);
        }
    }

    /** Reads rules from a UTF-8 stream; {@code sourceName} is used in error messages. Does not close the stream. */
    public static RuleBasedContentLabeler fromStream(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        return new RuleBasedContentLabeler(ContentRules.parse(ContentRuleFile.read(in, sourceName), sourceName));
    }

    /** IDs of all configured rules, in the order evidence lists them. */
    public List<String> ruleIds() {
        return rules.stream().map(ContentRule::id).toList();
    }

    @Override
    public ContentLabels label(String normalizedSubject, List<String> normalizedSegments) {
        BitSet fired = new BitSet(rules.size());
        if (normalizedSubject != null) {
            scan(normalizedSubject, fired);
        }
        for (String segment : normalizedSegments) {
            scan(segment, fired);
        }
        Map<ContentLabel, Double> scores = new EnumMap<>(ContentLabel.class);
        Map<ContentLabel, List<String>> evidence = new EnumMap<>(ContentLabel.class);
        for (int r = fired.nextSetBit(0); r >= 0; r = fired.nextSetBit(r + 1)) {
            ContentRule rule = rules.get(r);
            scores.merge(rule.label(), rule.weight(), Double::sum);
            if (rule.weight() > 0) {
                evidence.computeIfAbsent(rule.label(), label -> new ArrayList<>()).add(rule.id());
            }
        }
        evidence.keySet().removeIf(label -> scores.get(label) < thresholds.get(label));
        return evidence.isEmpty() ? ContentLabels.none() : new ContentLabels(evidence);
    }

    private void scan(String normalized, BitSet fired) {
        List<String> wordList = Words.split(normalized);
        String[] raw = wordList.toArray(String[]::new);
        String[] folded = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            folded[i] = Words.fold(raw[i]);
        }
        List<Occurrence> occurrences = new ArrayList<>();
        int lastCueEnd = Integer.MIN_VALUE / 2;
        for (int i = 0; i < raw.length; i++) {
            boolean negated = lastCueEnd >= i - negationWindow && lastCueEnd <= i;
            int cueEnd = lastCueEnd;
            int[] startingHere = byFirstWord.get(folded[i]);
            if (startingHere != null) {
                cueEnd = Math.max(cueEnd, match(startingHere, raw, folded, i, negated, occurrences));
            }
            PrefixTrie node = byFirstPrefix;
            for (int c = 0; c < raw[i].length() && (node = node.step(raw[i].charAt(c))) != null; c++) {
                if (node.phrasesEndingHere().length > 0) {
                    cueEnd = Math.max(cueEnd, match(node.phrasesEndingHere(), raw, folded, i, negated, occurrences));
                }
            }
            if (byFirstNumber.length > 0 && Words.isNumber(raw[i])) {
                cueEnd = Math.max(cueEnd, match(byFirstNumber, raw, folded, i, negated, occurrences));
            }
            lastCueEnd = cueEnd;
        }
        if (!occurrences.isEmpty()) {
            evaluate(occurrences, fired);
        }
    }

    /** Records the occurrences of the candidate phrases at {@code start}; returns the furthest end of a negation cue. */
    private int match(int[] candidates, String[] raw, String[] folded, int start, boolean negated,
                      List<Occurrence> occurrences) {
        int cueEnd = Integer.MIN_VALUE / 2;
        for (int p : candidates) {
            Phrase phrase = phrases.get(p);
            if (!phrase.matchesAt(raw, folded, start)) {
                continue;
            }
            int end = start + phrase.length();
            if (negationCue[p]) {
                cueEnd = Math.max(cueEnd, end);
            }
            for (int use : uses[p]) {
                occurrences.add(new Occurrence(use >>> 2, use & 3, start, end, negated));
            }
        }
        return cueEnd;
    }

    private void evaluate(List<Occurrence> occurrences, BitSet fired) {
        occurrences.sort((a, b) -> Integer.compare(a.rule, b.rule));
        int from = 0;
        while (from < occurrences.size()) {
            int rule = occurrences.get(from).rule;
            int to = from;
            while (to < occurrences.size() && occurrences.get(to).rule == rule) {
                to++;
            }
            if (!fired.get(rule) && fires(rules.get(rule), occurrences.subList(from, to))) {
                fired.set(rule);
            }
            from = to;
        }
    }

    private boolean fires(ContentRule rule, List<Occurrence> ofRule) {
        List<Occurrence> exceptions = ofRule.stream().filter(o -> o.role == UNLESS).toList();
        List<Occurrence> near = new ArrayList<>();
        List<Occurrence> with = new ArrayList<>();
        for (Occurrence o : ofRule) {
            if (o.role == UNLESS || rule.negatable() && o.negated || insideAny(o, exceptions)) {
                continue;
            }
            switch (o.role) {
                case HIT -> {
                    return true;
                }
                case NEAR -> near.add(o);
                case WITH -> with.add(o);
                default -> throw new IllegalStateException("role " + o.role);
            }
        }
        for (Occurrence a : near) {
            for (Occurrence b : with) {
                boolean apart = a.end <= b.start || b.end <= a.start;
                if (apart && Math.max(b.start - a.end, a.start - b.end) <= rule.within()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean insideAny(Occurrence o, List<Occurrence> exceptions) {
        for (Occurrence e : exceptions) {
            if (e.start <= o.start && o.end <= e.end) {
                return true;
            }
        }
        return false;
    }

    private static void register(List<Phrase> list, int rule, int role, Map<String, Integer> ids, List<Phrase> phrases,
                                 Map<Integer, List<Integer>> uses) {
        for (Phrase phrase : list) {
            int id = idOf(phrase, ids, phrases);
            List<Integer> ofPhrase = uses.computeIfAbsent(id, k -> new ArrayList<>());
            int use = rule << 2 | role;
            if (!ofPhrase.contains(use)) {
                ofPhrase.add(use);
            }
        }
    }

    private static int idOf(Phrase phrase, Map<String, Integer> ids, List<Phrase> phrases) {
        return ids.computeIfAbsent(phrase.key(), key -> {
            phrases.add(phrase);
            return phrases.size() - 1;
        });
    }

    private static Map<String, int[]> toArrays(Map<String, List<Integer>> lists) {
        Map<String, int[]> arrays = new HashMap<>();
        lists.forEach((key, list) -> arrays.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
        return java.util.Collections.unmodifiableMap(arrays); // HashMap lookups: Map.copyOf probes linearly, slow on the many misses
    }

    private record Occurrence(int rule, int role, int start, int end, boolean negated) {
    }

    private static final class Defaults {
        static final RuleBasedContentLabeler INSTANCE = load();

        private static RuleBasedContentLabeler load() {
            try (InputStream in = RuleBasedContentLabeler.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("default content rules " + DEFAULT_RESOURCE + " missing from the jar");
                }
                return fromStream(in, DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
            }
        }
    }
}
