package org.caseguard.core.consent.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.caseguard.core.detect.TextNormalizer;

/**
 * A sequence of word patterns matched on consecutive words: a plain word (compared after {@link Words#fold}), a prefix
 * {@code stem*} (at least three characters before the star), or {@code <num>} for any number.
 */
final class Phrase {

    static final int MIN_PREFIX = 3;
    static final String NUMBER = "<num>";

    enum Kind { WORD, PREFIX, NUMBER }

    private final Kind[] kinds;
    private final String[] texts;
    private final String source;

    private Phrase(Kind[] kinds, String[] texts, String source) {
        this.kinds = kinds;
        this.texts = texts;
        this.source = source;
    }

    /** Parses one phrase as written in the rule file; the message says what is wrong, the caller adds the key. */
    static Phrase parse(String written) {
        List<Kind> kinds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String raw : written.strip().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.equals(NUMBER)) {
                kinds.add(Kind.NUMBER);
                texts.add(NUMBER);
                continue;
            }
            boolean prefix = raw.endsWith("*");
            String body = prefix ? raw.substring(0, raw.length() - 1) : raw;
            if (body.contains("*")) {
                throw new IllegalArgumentException("'" + written + "': '*' is allowed only at the end of a word");
            }
            List<String> words = Words.split(TextNormalizer.normalize(body));
            if (words.isEmpty()) {
                throw new IllegalArgumentException("'" + written + "': word '" + raw + "' has no letters or digits");
            }
            for (int i = 0; i < words.size(); i++) {
                boolean last = i == words.size() - 1;
                if (prefix && last) {
                    if (words.get(i).length() < MIN_PREFIX) {
                        throw new IllegalArgumentException("'" + written + "': prefix '" + raw + "' needs at least "
                            + MIN_PREFIX + " letters before '*'");
                    }
                    kinds.add(Kind.PREFIX);
                    texts.add(words.get(i));
                } else {
                    kinds.add(Kind.WORD);
                    texts.add(Words.fold(words.get(i)));
                }
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("empty phrase; write words separated by spaces, phrases by commas");
        }
        return new Phrase(kinds.toArray(Kind[]::new), texts.toArray(String[]::new), written.strip());
    }

    int length() {
        return kinds.length;
    }

    Kind kind(int i) {
        return kinds[i];
    }

    String text(int i) {
        return texts[i];
    }

    /** Whether the words from {@code start} on match this phrase; raw holds the words, folded their folded forms. */
    boolean matchesAt(String[] raw, String[] folded, int start) {
        if (start + kinds.length > raw.length) {
            return false;
        }
        for (int i = 0; i < kinds.length; i++) {
            if (!matchesWord(i, raw[start + i], folded[start + i])) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesWord(int i, String raw, String folded) {
        return switch (kinds[i]) {
            case WORD -> texts[i].equals(folded);
            case PREFIX -> raw.startsWith(texts[i]);
            case NUMBER -> Words.isNumber(raw);
        };
    }

    /** Identity of the compiled pattern, so that the same phrase used by many rules is matched once. */
    String key() {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            key.append(kinds[i].ordinal()).append(texts[i]).append(' ');
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return source + " " + Arrays.toString(texts);
    }
}
