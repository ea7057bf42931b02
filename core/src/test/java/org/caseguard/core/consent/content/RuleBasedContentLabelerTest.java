package org.caseguard.core.consent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.detect.TextNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedContentLabelerTest {

    private static RuleBasedContentLabeler rules(String... lines) {
        String text = String.join("\n", lines) + "\n";
        return RuleBasedContentLabeler.fromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "test.properties");
    }

    private static ContentLabels label(RuleBasedContentLabeler labeler, String body) {
        return labeler.label("", List.of(TextNormalizer.normalize(body)));
    }

    @Test
    void phraseRuleGivesItsLabelWithTheRuleIdAsEvidenceAndNeverTheText() {
        RuleBasedContentLabeler labeler = rules(
            "rule.SCH-1.label = scheduling",
            "rule.SCH-1.phrases = reschedul*, which works");
        ContentLabels labels = label(labeler, "Can we RESCHEDULE Thursday? Tell me which works.");
        assertThat(labels.labels()).containsExactly(ContentLabel.SCHEDULING);
        assertThat(labels.evidence().get(ContentLabel.SCHEDULING)).containsExactly("SCH-1");
        assertThat(labels.toAttributeMap().toString()).doesNotContainIgnoringCase("reschedule").doesNotContain("works");
    }

    @Test
    void pluralsFoldAndStarredStemsMatchOtherEndings() {
        RuleBasedContentLabeler labeler = rules(
            "rule.R.label = appointment-reminder",
            "rule.R.phrases = your appointment, increas*");
        assertThat(label(labeler, "Your appointments this month").has(ContentLabel.APPOINTMENT_REMINDER)).isTrue();
        assertThat(label(labeler, "we are increasing it").has(ContentLabel.APPOINTMENT_REMINDER)).isTrue();
        assertThat(label(labeler, "an incremental change").labels()).isEmpty();
        assertThat(label(labeler, "your appoint").labels()).isEmpty();
    }

    @Test
    void proximityRuleFiresOnlyWithinTheConfiguredNumberOfWordsInEitherOrder() {
        RuleBasedContentLabeler labeler = rules(
            "list.MED = lithium, mg",
            "label.diagnosis-treatment.threshold = 2",
            "rule.DT-DOSE.label = diagnosis-treatment",
            "rule.DT-DOSE.weight = 2",
            "rule.DT-DOSE.near = increas*",
            "rule.DT-DOSE.with = @MED",
            "rule.DT-DOSE.within = 3");
        assertThat(label(labeler, "I think we should increase your lithium to 900 mg").has(ContentLabel.DIAGNOSIS_TREATMENT))
            .isTrue();
        assertThat(label(labeler, "lithium level is fine, no need to increase").has(ContentLabel.DIAGNOSIS_TREATMENT))
            .isFalse();
        assertThat(label(labeler, "your lithium, as agreed, we increase").has(ContentLabel.DIAGNOSIS_TREATMENT)).isTrue();
        assertThat(label(labeler, "increase the time you walk each day and keep taking lithium")
            .has(ContentLabel.DIAGNOSIS_TREATMENT)).isFalse();
    }

    @Test
    void proximityDoesNotReachAcrossSegmentsOrTheSubject() {
        RuleBasedContentLabeler labeler = rules(
            "rule.P.label = diagnosis-treatment",
            "rule.P.near = increase",
            "rule.P.with = lithium");
        assertThat(labeler.label("increase", List.of("lithium")).labels()).isEmpty();
        assertThat(labeler.label("", List.of("increase lithium")).labels()).containsExactly(ContentLabel.DIAGNOSIS_TREATMENT);
    }

    @Test
    void numberPatternMatchesDigitsAttachedToUnits() {
        RuleBasedContentLabeler labeler = rules(
            "rule.DOSE.label = diagnosis-treatment",
            "rule.DOSE.phrases = to <num> mg");
        assertThat(label(labeler, "go to 900mg").labels()).containsExactly(ContentLabel.DIAGNOSIS_TREATMENT);
        assertThat(label(labeler, "go to 900 mg").labels()).containsExactly(ContentLabel.DIAGNOSIS_TREATMENT);
        assertThat(label(labeler, "go to many mg").labels()).isEmpty();
    }

    @Test
    void negationCueBeforeANegatableRuleWithinTheWindowCancelsTheMatch() {
        RuleBasedContentLabeler labeler = rules(
            "negation.cues = no, didn't",
            "negation.window = 2",
            "rule.DX.label = diagnosis-treatment",
            "rule.DX.negatable = true",
            "rule.DX.phrases = diagnos*",
            "rule.TALK.label = scheduling",
            "rule.TALK.phrases = diagnos*");
        ContentLabels negated = label(labeler, "No diagnosis will be given at this visit.");
        assertThat(negated.has(ContentLabel.DIAGNOSIS_TREATMENT)).isFalse();
        assertThat(negated.has(ContentLabel.SCHEDULING)).as("a rule that is not negatable ignores cues").isTrue();
        assertThat(label(labeler, "we didn't talk about a diagnosis").has(ContentLabel.DIAGNOSIS_TREATMENT))
            .as("cue 'didn't' ends two words before").isTrue();
        assertThat(label(labeler, "we didn't discuss diagnosis").has(ContentLabel.DIAGNOSIS_TREATMENT)).isFalse();
        assertThat(label(labeler, "no worries at all, your diagnosis is unchanged").has(ContentLabel.DIAGNOSIS_TREATMENT))
            .as("the cue is outside the window").isTrue();
    }

    @Test
    void unlessPhraseAroundTheMatchCancelsItButNotOtherOccurrences() {
        RuleBasedContentLabeler labeler = rules(
            "rule.T.label = diagnosis-treatment",
            "rule.T.phrases = treatment",
            "rule.T.unless = treatment room, treatment room <num>");
        assertThat(label(labeler, "Your appointment is in Treatment Room 4.").labels()).isEmpty();
        assertThat(label(labeler, "Treatment room 4; we will review your treatment.").labels())
            .containsExactly(ContentLabel.DIAGNOSIS_TREATMENT);
    }

    @Test
    void labelNeedsItsThresholdAndNegativeWeightsLowerTheScore() {
        RuleBasedContentLabeler labeler = rules(
            "label.diagnosis-treatment.threshold = 2",
            "rule.WEAK-A.label = diagnosis-treatment",
            "rule.WEAK-A.phrases = bipolar",
            "rule.WEAK-B.label = diagnosis-treatment",
            "rule.WEAK-B.phrases = symptoms",
            "rule.NEG.label = diagnosis-treatment",
            "rule.NEG.weight = -1",
            "rule.NEG.phrases = awareness walk");
        assertThat(label(labeler, "bipolar").labels()).isEmpty();
        ContentLabels both = label(labeler, "your symptoms look like bipolar");
        assertThat(both.evidence().get(ContentLabel.DIAGNOSIS_TREATMENT)).containsExactly("WEAK-A", "WEAK-B");
        assertThat(label(labeler, "bipolar awareness walk: symptoms and support").labels()).isEmpty();
    }

    @Test
    void aRuleCountsOnceHoweverOftenItMatches() {
        RuleBasedContentLabeler labeler = rules(
            "label.crisis.threshold = 2",
            "rule.C.label = crisis",
            "rule.C.phrases = burden");
        assertThat(label(labeler, "burden burden burden").labels()).isEmpty();
    }

    @Test
    void defaultRulesTellATreatmentInstructionReminderFromTreatmentDiscussion() {
        RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();
        ContentLabels reminder = label(labeler, "Remember to take your medication with food as Dr. Osei instructed.");
        assertThat(reminder.labels()).containsExactly(ContentLabel.TREATMENT_INSTRUCTION_REMINDER);

        ContentLabels treatment = label(labeler,
            "Your symptoms suggest bipolar II, I think we should increase your lithium to 900 mg.");
        assertThat(treatment.has(ContentLabel.DIAGNOSIS_TREATMENT)).isTrue();
        assertThat(treatment.evidence().get(ContentLabel.DIAGNOSIS_TREATMENT)).contains("DT-MED-CHANGE");

        ContentLabels mixed = label(labeler, "This is a reminder of your appointment on Tuesday at 10:00. "
            + "Based on your testing, I believe you have generalized anxiety disorder.");
        assertThat(mixed.labels()).contains(ContentLabel.APPOINTMENT_REMINDER, ContentLabel.DIAGNOSIS_TREATMENT);
    }

    @Test
    void defaultRulesIgnoreTheCrisisLineInASignatureButFlagCrisisMail() {
        RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();
        assertThat(label(labeler, "Thanks for the forms.\n-- \nIn crisis? Call or text 988, 24/7.").labels()).isEmpty();
        assertThat(label(labeler, "I can't go on like this anymore").labels()).containsExactly(ContentLabel.CRISIS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm dying to see you at the open house!", "Killing it at work this month.",
        "This form is killing me, can I finish it in the waiting room?", "Sorry, my co-pay is overdue.",
        "I'm dead tired after the night shift, can we do 3 instead?", "My boss will kill me if I'm late again.",
        "I feel like a burden asking again, but could you resend the form?",
        "I'm not suicidal or anything, just stressed about exams. Could we add a session?"})
    void cn6EverydayWordsDoNotRaiseAnUrgentFlag(String body) {
        assertThat(label(RuleBasedContentLabeler.defaults(), body).labels()).doesNotContain(ContentLabel.CRISIS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I gave my dog to my neighbour. I won't be needing to look after him.",
        "Nobody would notice if I was gone.", "He choked me again and said next time he won't stop.",
        "I've been stockpiling my sleeping pills.", "The voices keep telling me I have to jump.",
        "My stepdad hit my little brother and left a bruise.", "I'm a burden and there's no point anymore.",
        "I'm not suicidal but I don't want to wake up tomorrow.", "took too many of my pills, feel weird"})
    void cn6IndirectCrisisMailIsFlagged(String body) {
        assertThat(label(RuleBasedContentLabeler.defaults(), body).labels()).contains(ContentLabel.CRISIS);
    }

    /** A client's reply quotes our automatic reply; the quote alone must not make every reply a crisis (CN-6 loop). */
    @Test
    void cn6OurOwnAutomaticReplyTextsQuotedInAReplyDoNotFlag() throws Exception {
        java.util.Properties texts = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/org/caseguard/core/autoreply/auto-reply-texts.properties")) {
            texts.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        String quoted = texts.stringPropertyNames().stream().filter(key -> !key.startsWith("notice."))
            .map(key -> "> " + texts.getProperty(key).replace("{crisisLine}", "(800) 555-0199"))
            .reduce("Thanks, see you Thursday.\n", (a, b) -> a + "\n" + b);
        assertThat(texts.getProperty("crisis")).isNotBlank();
        assertThat(label(RuleBasedContentLabeler.defaults(), quoted).labels()).doesNotContain(ContentLabel.CRISIS);
    }

    @Test
    void cn6OneWeakCrisisSignalIsNotEnoughButTwoDifferentOnesAre() {
        RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();
        assertThat(label(labeler, "I've been drinking a lot lately.").labels()).doesNotContain(ContentLabel.CRISIS);
        ContentLabels pair = label(labeler, "I've been drinking all day and what's the point anyway.");
        assertThat(pair.labels()).contains(ContentLabel.CRISIS);
        assertThat(pair.evidence().get(ContentLabel.CRISIS)).containsExactly("CRI-W-HOPELESS", "CRI-W-SUBSTANCE");
    }

    @Test
    void everyLabelHasAtLeastOneDefaultRule() {
        List<String> ids = RuleBasedContentLabeler.defaults().ruleIds();
        for (String prefix : List.of("SCH-", "REM-", "TIR-", "FACT-", "DT-", "PRIV-", "CRI-")) {
            assertThat(ids).anyMatch(id -> id.startsWith(prefix));
        }
    }

    @Test
    void concurrentCallsGiveTheSameLabelsAsSequentialOnes() throws Exception {
        RuleBasedContentLabeler labeler = RuleBasedContentLabeler.defaults();
        List<ContentCorpus.Message> messages = ContentCorpus.load("dev").messages();
        List<ContentLabels> sequential = new ArrayList<>();
        for (ContentCorpus.Message message : messages) {
            sequential.add(labelMessage(labeler, message));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ContentLabels>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> messages.stream().map(m -> labelMessage(labeler, m)).toList()));
            }
            for (Future<List<ContentLabels>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ContentLabels labelMessage(RuleBasedContentLabeler labeler, ContentCorpus.Message message) {
        return labeler.label(TextNormalizer.normalize(message.subject()),
            List.of(TextNormalizer.normalize(message.body())));
    }

    @Test
    void readsARuleFileWithCommentsAndContinuationLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-rules.properties");
        Files.writeString(file, "# local rules\n\nrule.MINE.label = crisis\nrule.MINE.phrases = first phrase, \\\n"
            + "   second phrase\n", StandardCharsets.UTF_8);
        RuleBasedContentLabeler labeler = RuleBasedContentLabeler.fromFile(file);
        assertThat(label(labeler, "the second phrase").labels()).containsExactly(ContentLabel.CRISIS);
        assertThat(labeler.ruleIds()).containsExactly("MINE");
    }

    @Test
    void missingFileIsReportedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("absent.properties");
        assertThatThrownBy(() -> RuleBasedContentLabeler.fromFile(missing))
            .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void configurationErrorsNameTheLineTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> rules("rule.A.label = scheduling", "rule.A.phrases = x1", "rule.A.colour = red"))
            .hasMessageContaining("test.properties line 3: rule.A.colour: unknown rule property 'colour'")
            .hasMessageContaining("label, weight, phrases, near, with, within, negatable, unless, note");
        assertThatThrownBy(() -> rules("rule.A.label = billing", "rule.A.phrases = x"))
            .hasMessageContaining("line 1: rule.A.label: unknown label 'billing'")
            .hasMessageContaining("scheduling, appointment-reminder, treatment-instruction-reminder");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.near = a", "rule.A.with = b", "rule.A.within = 99"))
            .hasMessageContaining("line 4: rule.A.within: must be a whole number 1..30, got '99'");
        assertThatThrownBy(() -> rules("rule.A.phrases = help"))
            .hasMessageContaining("line 1: rule.A.phrases: rule A has no rule.A.label");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = x", "rule.A.near = y"))
            .hasMessageContaining("either phrases, or near and with");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.near = y"))
            .hasMessageContaining("rule.A.near: rule A needs rule.A.phrases, or both rule.A.near and rule.A.with");
        assertThatThrownBy(() -> rules("list.MEDS = a", "rule.A.label = crisis", "rule.A.phrases = @MED"))
            .hasMessageContaining("line 3: rule.A.phrases: unknown list '@MED'; defined lists: @MEDS");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = in*"))
            .hasMessageContaining("rule.A.phrases: 'in*': prefix 'in*' needs at least 3 letters before '*'");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = a", "rule.A.label = scheduling"))
            .hasMessageContaining("line 3: rule.A.label: given twice (first on line 1)");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = a", "rule.A.weight = 0"))
            .hasMessageContaining("rule.A.weight: must be a non-zero number");
        assertThatThrownBy(() -> rules("label.crisis.threshold = -1", "rule.A.label = crisis", "rule.A.phrases = a"))
            .hasMessageContaining("label.crisis.threshold: must be a number above 0, got '-1'");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = , ,"))
            .hasMessageContaining("rule.A.phrases: needs at least one phrase");
        assertThatThrownBy(() -> rules("rule.A.label = crisis", "rule.A.phrases = a", "rule.A.negatable = yes"))
            .hasMessageContaining("rule.A.negatable: must be true or false, got 'yes'");
        assertThatThrownBy(() -> rules("rules.A.label = crisis"))
            .hasMessageContaining("line 1: rules.A.label: unknown key; allowed: negation.cues, negation.window, list.<NAME>");
        assertThatThrownBy(() -> rules("just some words"))
            .hasMessageContaining("line 1: expected 'key = value'");
        assertThatThrownBy(() -> rules("# nothing"))
            .hasMessageContaining("test.properties: no rules");
        assertThatThrownBy(() -> rules("negation.window = 0", "rule.A.label = crisis", "rule.A.phrases = a"))
            .hasMessageContaining("negation.window: must be a whole number 1..10, got '0'");
    }
}
