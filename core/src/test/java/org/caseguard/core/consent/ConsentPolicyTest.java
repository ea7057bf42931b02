package org.caseguard.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.consent.ConsentFixtures.TODAY;
import static org.caseguard.core.consent.ConsentFixtures.adult;
import static org.caseguard.core.consent.ConsentFixtures.signedForm;
import static org.caseguard.core.consent.ConsentFixtures.withForm;
import static org.caseguard.core.consent.ConsentFixtures.withKnownAddresses;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.policy.Outcome;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {
    private static final ContentLabels SCHEDULING = new ContentLabels(Map.of(ContentLabel.SCHEDULING, List.of("sched.1")));
    private static final DeclaredPurpose DECLARED_SCHEDULING = new DeclaredPurpose(Optional.of(Purpose.SCHEDULING), Optional.empty());

    private final ConsentPolicy policy = new ConsentPolicy(ConsentConfig.defaults());
    private final ConsentView view = ConsentView.of(List.of(
        withKnownAddresses(adult("C-1", "maria@mail.test"), "maria.work@job.test"),
        adult("C-2", "sam@mail.test"),
        ConsentFixtures.minorUnderAdultConsent("C-3", "kid@mail.test", "parent@mail.test")));

    private ConsentDecision decide(List<String> recipients, Set<String> contentClients, ContentLabels labels, DeclaredPurpose purpose) {
        return policy.decide(recipients, contentClients, labels, purpose, Optional.empty(), view, TODAY);
    }

    private static RecipientVerdict only(ConsentDecision decision) {
        assertThat(decision.verdicts()).hasSize(1);
        return decision.verdicts().get(0);
    }

    @Test
    void cn1EligibleClientIsDeliveredOnlyEncrypted() {
        ConsentDecision decision = decide(List.of("maria@mail.test"), Set.of("C-1"), SCHEDULING, DECLARED_SCHEDULING);
        assertThat(only(decision).wire()).isEqualTo("CN-1:deliver");
        assertThat(decision.encryptionRequired()).containsExactly("maria@mail.test");
    }

    @Test
    void nonClientRecipientsAreLeftToTheFirewall() {
        ConsentDecision decision = decide(List.of("stranger@else.test", "colleague@agency.example"), Set.of("C-1"), SCHEDULING, DECLARED_SCHEDULING);
        assertThat(decision.verdicts()).isEmpty();
        assertThat(decision.encryptionRequired()).isEmpty();
    }

    @Test
    void cn1ExpiredConsentIsRefusedWithTheReason() {
        ConsentForm form = signedForm();
        ConsentView expired = ConsentView.of(List.of(withForm(adult("C-1", "maria@mail.test"), new ConsentForm(form.formId(), true,
            form.signedByWorker(), form.signedOn(), form.effectiveFrom(), Optional.of(TODAY.minusDays(1)), Optional.empty(), Optional.empty()))));
        ConsentDecision decision = policy.decide(List.of("maria@mail.test"), Set.of("C-1"), SCHEDULING, DECLARED_SCHEDULING,
            Optional.empty(), expired, TODAY);
        assertThat(only(decision).wire()).isEqualTo("CN-1:refuse");
        assertThat(decision.reasons().get("maria@mail.test")).containsExactly(ConsentGap.EXPIRED.explanation());
        assertThat(decision.encryptionRequired()).isEmpty();
    }

    @Test
    void cn4TheClientsOtherAddressIsRefused() {
        assertThat(only(decide(List.of("maria.work@job.test"), Set.of("C-1"), SCHEDULING, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-4:refuse");
    }

    @Test
    void cn4PlusVariantAndLocalPartCaseVariantAreRefused() {
        assertThat(only(decide(List.of("maria+clinic@mail.test"), Set.of(), SCHEDULING, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-4:refuse");
        assertThat(only(decide(List.of("Maria@mail.test"), Set.of(), SCHEDULING, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-4:refuse");
    }

    @Test
    void cn4DomainCaseDoesNotMatter() {
        assertThat(only(decide(List.of("maria@MAIL.test"), Set.of(), SCHEDULING, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-1:deliver");
    }

    @Test
    void cn3MinorUnderAdultConsentIsNeverMailedDirectly() {
        assertThat(only(decide(List.of("kid@mail.test"), Set.of("C-3"), SCHEDULING, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-3:refuse");
    }

    @Test
    void cn3TheResponsibleAdultsConsentedAddressIsEligible() {
        ConsentDecision decision = decide(List.of("parent@mail.test"), Set.of("C-3"), SCHEDULING, DECLARED_SCHEDULING);
        assertThat(only(decision).wire()).isEqualTo("CN-1:deliver");
        assertThat(decision.encryptionRequired()).containsExactly("parent@mail.test");
    }

    @Test
    void cn2AMinorUnderOwnConsentIsTreatedLikeAnAdult() {
        ConsentRecord adult = adult("C-4", "teen@mail.test");
        ConsentRecord minorOwnConsent = new ConsentRecord("C-4", adult.preferredContact(), adult.programApproval(),
            adult.clinicianDetermination(), adult.form(), adult.consentedAddress(), true, ConsentGiver.CLIENT, Optional.empty(),
            adult.permittedPurposes(), List.of(), adult.worker(), adult.supervisor());
        ConsentDecision decision = policy.decide(List.of("teen@mail.test"), Set.of("C-4"), SCHEDULING, DECLARED_SCHEDULING,
            Optional.empty(), ConsentView.of(List.of(minorOwnConsent)), TODAY);
        assertThat(only(decision).wire()).isEqualTo("CN-1:deliver");
        assertThat(decision.encryptionRequired()).containsExactly("teen@mail.test");
    }

    @Test
    void cn5TwoClientsInToAreBothRefused() {
        ConsentDecision decision = decide(List.of("maria@mail.test", "sam@mail.test"), Set.of(), SCHEDULING, DECLARED_SCHEDULING);
        assertThat(decision.verdicts()).extracting(RecipientVerdict::wire).containsExactly("CN-5:refuse", "CN-5:refuse");
        assertThat(decision.encryptionRequired()).isEmpty();
    }

    @Test
    void cn5AnotherClientNamedInTheContentRefusesTheClientRecipient() {
        assertThat(only(decide(List.of("maria@mail.test"), Set.of("C-1", "C-2"), SCHEDULING, DECLARED_SCHEDULING)).wire())
            .isEqualTo("CN-5:refuse");
    }

    @Test
    void cn8DiagnosisInAPermittedReminderIsRefused() {
        ContentLabels labels = new ContentLabels(Map.of(ContentLabel.APPOINTMENT_REMINDER, List.of("r"), ContentLabel.DIAGNOSIS_TREATMENT, List.of("d")));
        DeclaredPurpose reminder = new DeclaredPurpose(Optional.of(Purpose.APPOINTMENT_REMINDER), Optional.empty());
        assertThat(only(decide(List.of("maria@mail.test"), Set.of("C-1"), labels, reminder)).wire()).isEqualTo("CN-8:refuse");
    }

    @Test
    void cn8ContentThatNoLabelerCheckedIsRefused() {
        ConsentDecision decision = decide(List.of("maria@mail.test"), Set.of("C-1"), ContentLabels.notChecked(), DECLARED_SCHEDULING);
        assertThat(only(decision).wire()).isEqualTo("CN-8:refuse");
        assertThat(decision.reasons().get("maria@mail.test")).singleElement().asString().contains("not checked");
    }

    @Test
    void cn9ServingAPrivacyRightsRequestByEmailIsRefused() {
        ContentLabels labels = new ContentLabels(Map.of(ContentLabel.PRIVACY_RIGHTS_REQUEST, List.of("p"), ContentLabel.SCHEDULING, List.of("s")));
        assertThat(only(decide(List.of("maria@mail.test"), Set.of("C-1"), labels, DECLARED_SCHEDULING)).wire()).isEqualTo("CN-9:refuse");
    }

    @Test
    void cn7MissingUnknownNotPermittedOrUnsupportedPurposeIsRefused() {
        assertThat(decide(List.of("maria@mail.test"), Set.of("C-1"), SCHEDULING, DeclaredPurpose.none()).reasons().get("maria@mail.test"))
            .singleElement().asString().startsWith("no purpose was declared");
        assertThat(only(decide(List.of("maria@mail.test"), Set.of("C-1"), SCHEDULING,
            new DeclaredPurpose(Optional.empty(), Optional.of("billing")))).wire()).isEqualTo("CN-7:refuse");
        DeclaredPurpose factual = new DeclaredPurpose(Optional.of(Purpose.FACTUAL_INFORMATION), Optional.empty());
        ContentLabels factualContent = new ContentLabels(Map.of(ContentLabel.FACTUAL_INFORMATION, List.of("f")));
        assertThat(decide(List.of("maria@mail.test"), Set.of("C-1"), factualContent, factual).reasons().get("maria@mail.test"))
            .containsExactly("the purpose factual-information is not permitted for this client");
        DeclaredPurpose reminder = new DeclaredPurpose(Optional.of(Purpose.APPOINTMENT_REMINDER), Optional.empty());
        assertThat(decide(List.of("maria@mail.test"), Set.of("C-1"), ContentLabels.none(), reminder).reasons().get("maria@mail.test"))
            .containsExactly("the content does not read as appointment-reminder");
    }

    @Test
    void ntc2AuditModeDeliversEncryptedAndRecordsTheRule() {
        ConsentPolicy audit = new ConsentPolicy(new ConsentConfig(Map.of(RuleId.CN_7, RuleMode.AUDIT), Map.of(), true));
        ConsentDecision decision = audit.decide(List.of("maria@mail.test"), Set.of("C-1"), SCHEDULING, DeclaredPurpose.none(),
            Optional.empty(), view, TODAY);
        assertThat(only(decision).outcome()).isEqualTo(Outcome.AUDIT);
        assertThat(only(decision).wire()).isEqualTo("CN-7:audit");
        assertThat(decision.encryptionRequired()).containsExactly("maria@mail.test");
    }

    @Test
    void aRuleSwitchedOffIsNotEvaluated() {
        ConsentPolicy off = new ConsentPolicy(new ConsentConfig(Map.of(RuleId.CN_7, RuleMode.OFF), Map.of(), true));
        assertThat(only(off.decide(List.of("maria@mail.test"), Set.of("C-1"), ContentLabels.none(), DeclaredPurpose.none(),
            Optional.empty(), view, TODAY)).wire()).isEqualTo("CN-1:deliver");
    }

    @Test
    void automaticRepliesGoOutAsTheyAreButTheCn10ReplyOnlyEncrypted() {
        ConsentDecision cn6 = policy.decide(List.of("sam@mail.test"), Set.of(), ContentLabels.none(), DeclaredPurpose.none(),
            Optional.of(RuleId.CN_6), view, TODAY);
        assertThat(only(cn6).wire()).isEqualTo("CN-6:deliver");
        assertThat(cn6.encryptionRequired()).isEmpty();
        ConsentDecision cn10 = policy.decide(List.of("sam@mail.test"), Set.of(), ContentLabels.none(), DeclaredPurpose.none(),
            Optional.of(RuleId.CN_10), view, TODAY);
        assertThat(cn10.encryptionRequired()).containsExactly("sam@mail.test");
    }
}
