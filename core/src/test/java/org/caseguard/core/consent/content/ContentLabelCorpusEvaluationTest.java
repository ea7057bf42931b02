package org.caseguard.core.consent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.consent.ContentLabel.APPOINTMENT_REMINDER;
import static org.caseguard.core.consent.ContentLabel.CRISIS;
import static org.caseguard.core.consent.ContentLabel.DIAGNOSIS_TREATMENT;
import static org.caseguard.core.consent.ContentLabel.FACTUAL_INFORMATION;
import static org.caseguard.core.consent.ContentLabel.PRIVACY_RIGHTS_REQUEST;
import static org.caseguard.core.consent.ContentLabel.SCHEDULING;
import static org.caseguard.core.consent.ContentLabel.TREATMENT_INSTRUCTION_REMINDER;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.caseguard.core.consent.ContentLabel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the shipped rules on the labelled corpus (docs/content-labels.md). The held-out file was
 * written and committed before any rule existed and no rule was tuned on it; CN-8 needs diagnosis/treatment recall
 * of at least 0.95 at precision of at least 0.85 there. The other floors are the measured values rounded down, so a
 * rule edit that loses ground fails here. Run with -DcontentLabels.showErrors=true to list the misclassified ids.
 */
class ContentLabelCorpusEvaluationTest {

    private final RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();

    @Test
    void heldOutCorpusMeetsTheCn8TargetAndTheMeasuredFloors() {
        LabelScores heldOut = score("heldout");
        assertThat(heldOut.messages).isGreaterThanOrEqualTo(100);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(heldOut.recall(DIAGNOSIS_TREATMENT)).as("CN-8 recall").isGreaterThanOrEqualTo(0.95);
        soft.assertThat(heldOut.precision(DIAGNOSIS_TREATMENT)).as("CN-8 precision").isGreaterThanOrEqualTo(0.85);
        floor(soft, heldOut, SCHEDULING, 0.77, 0.60);
        floor(soft, heldOut, APPOINTMENT_REMINDER, 0.90, 0.76);
        floor(soft, heldOut, TREATMENT_INSTRUCTION_REMINDER, 0.78, 0.78);
        floor(soft, heldOut, FACTUAL_INFORMATION, 0.76, 0.99);
        floor(soft, heldOut, PRIVACY_RIGHTS_REQUEST, 0.99, 0.99);
        floor(soft, heldOut, CRISIS, 0.92, 0.92);
        soft.assertAll();
    }

    /**
     * CN-6, an independent check of the crisis rules: two crisis sets (50 + 50 and 25 + 15) written by another author
     * than the shipped crisis rules, which were never tuned on them; the floors are the measured values rounded down.
     */
    @Test
    void crisisRulesHoldOnSetsWrittenByAnotherAuthor() {
        LabelScores independent = score("crisis-independent");
        assertThat(independent.messages).isGreaterThanOrEqualTo(100);
        SoftAssertions soft = new SoftAssertions();
        floor(soft, independent, CRISIS, 0.93, 0.88);
        floor(soft, score("crisis-independent-2"), CRISIS, 0.90, 0.80);
        soft.assertAll();
    }

    @Test
    void developmentCorpusKeepsItsMeasuredFloors() {
        LabelScores dev = score("dev");
        SoftAssertions soft = new SoftAssertions();
        floor(soft, dev, SCHEDULING, 0.88, 0.94);
        floor(soft, dev, APPOINTMENT_REMINDER, 0.99, 0.92);
        floor(soft, dev, TREATMENT_INSTRUCTION_REMINDER, 0.82, 0.99);
        floor(soft, dev, FACTUAL_INFORMATION, 0.90, 0.95);
        floor(soft, dev, DIAGNOSIS_TREATMENT, 0.99, 0.99);
        floor(soft, dev, PRIVACY_RIGHTS_REQUEST, 0.99, 0.99);
        floor(soft, dev, CRISIS, 0.99, 0.99);
        soft.assertAll();
    }

    @Test
    void corpusIsLargeEnoughAndWellFormed() {
        List<ContentCorpus.Message> all = new java.util.ArrayList<>(ContentCorpus.load("dev").messages());
        all.addAll(ContentCorpus.load("heldout").messages());
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        Set<String> ids = new HashSet<>();
        for (ContentCorpus.Message message : all) {
            assertThat(ids.add(message.id())).as("unique id " + message.id()).isTrue();
            assertThat(message.direction()).isIn("outbound", "inbound");
            assertThat(message.body()).isNotBlank();
        }
        for (ContentLabel label : ContentLabel.values()) {
            assertThat(all).as("examples of " + label).filteredOn(m -> m.labels().contains(label)).hasSizeGreaterThan(9);
        }
        assertThat(all).as("hard negatives without any label").filteredOn(m -> m.labels().isEmpty()).hasSizeGreaterThan(30);
    }

    /** Scores an edited rule file without asserting anything: -DcontentLabels.rules=/path/to/content-labels.properties */
    @Test
    void scoresACustomRuleFileWhenOneIsGiven() {
        String file = System.getProperty("contentLabels.rules", "");
        Assumptions.assumeFalse(file.isBlank(), "no -DcontentLabels.rules given");
        RuleBasedContentLabeler custom = RuleBasedContentLabeler.fromFile(Path.of(file));
        for (String corpus : List.of("dev", "heldout")) {
            LabelScores scores = LabelScores.of(custom, ContentCorpus.load(corpus));
            System.out.println(file + "\n" + scores.table());
            if (Boolean.getBoolean("contentLabels.showErrors")) {
                scores.errors.forEach(error -> System.out.println(corpus + " " + error));
            }
        }
    }

    private LabelScores score(String corpus) {
        LabelScores scores = LabelScores.of(labeler, ContentCorpus.load(corpus));
        System.out.println(scores.table());
        if (Boolean.getBoolean("contentLabels.showErrors")) {
            scores.errors.forEach(error -> System.out.println(corpus + " " + error));
        }
        return scores;
    }

    private static void floor(SoftAssertions soft, LabelScores scores, ContentLabel label, double precision,
                              double recall) {
        soft.assertThat(scores.precision(label)).as(scores.corpus + " " + label + " precision").isGreaterThanOrEqualTo(precision);
        soft.assertThat(scores.recall(label)).as(scores.corpus + " " + label + " recall").isGreaterThanOrEqualTo(recall);
    }
}
