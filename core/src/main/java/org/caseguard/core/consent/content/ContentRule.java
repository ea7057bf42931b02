package org.caseguard.core.consent.content;

import java.util.List;

import org.caseguard.core.consent.ContentLabel;

/**
 * One rule of the content-rule file. A phrase rule fires when one of its {@code phrases} occurs; a proximity rule
 * fires when a {@code near} phrase and a {@code with} phrase occur at most {@code within} words apart, in either
 * order. An occurrence does not count when it lies inside an occurrence of one of the rule's {@code unless} phrases,
 * nor, for a {@code negatable} rule, when a negation cue ends at most the configured window of words before it.
 */
record ContentRule(String id, ContentLabel label, double weight, List<Phrase> phrases, List<Phrase> near,
                   List<Phrase> with, int within, boolean negatable, List<Phrase> unless) {

    ContentRule {
        phrases = List.copyOf(phrases);
        near = List.copyOf(near);
        with = List.copyOf(with);
        unless = List.copyOf(unless);
    }

    boolean proximity() {
        return !near.isEmpty();
    }
}
