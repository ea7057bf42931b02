package org.caseguard.core.consent.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentLabelCorpusEvaluationTest {

    private final RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();

    @Test
    void developmentCorpus() {
        LabelScores dev = LabelScores.of(labeler, ContentCorpus.load("dev"));
        System.out.println(dev.table());
        dev.errors.forEach(error -> System.out.println("dev " + error));
    }

    @Test
    void heldOutCorpus() {
        LabelScores heldOut = LabelScores.of(labeler, ContentCorpus.load("heldout"));
        System.out.println(heldOut.table());
        if (Boolean.getBoolean("contentLabels.showHeldOutErrors")) {
            heldOut.errors.forEach(error -> System.out.println("heldout " + error));
        }
        assertThat(heldOut.messages).isGreaterThanOrEqualTo(100);
    }
}
