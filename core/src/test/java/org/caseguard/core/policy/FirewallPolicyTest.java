package org.caseguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.DetectorHit;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.core.registry.AllowListEntry;
import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.ExternalParty;
import org.caseguard.core.registry.PartyCategory;
import org.caseguard.core.registry.RegistrySnapshot;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;
import org.junit.jupiter.api.Test;

class FirewallPolicyTest {
    private static final String STAFF = "alice@agency.example";
    private static final Optional<String> FROM_STAFF = Optional.of(STAFF);

    private final PolicyView view = PolicyView.of(new RegistrySnapshot(1, List.of("agency.example"),
        Map.of("A-1", new CaseRecord("A-1", CaseStatus.OPEN, false, List.of("C-1")),
            "B-2", new CaseRecord("B-2", CaseStatus.OPEN, false, List.of("C-2"))),
        Map.of("C-1", new Client("C-1", "Maria", "Lopez", Optional.of(LocalDate.of(2014, 3, 5)), List.of()),
            "C-2", new Client("C-2", "Jonah", "Whitfield", Optional.empty(), List.of())),
        List.of(new AllowListEntry("ombudsman@ombuds.test", Optional.empty(), "ombudsman"),
            new AllowListEntry("@aag.state.test", Optional.empty(), "assistant attorneys general"),
            new AllowListEntry("gal@law.test", Optional.of("A-1"), "guardian ad litem for A-1"),
            new AllowListEntry("clerk@court.test", Optional.empty(), "court clerk, encrypted only", true),
            new AllowListEntry("@counsel.test", Optional.empty(), "outside counsel"),
            new AllowListEntry("lee@counsel.test", Optional.of("A-1"), "counsel for A-1, encrypted only", true)),
        Map.of("birthparent@mail.test", new ExternalParty("birthparent@mail.test", PartyCategory.BIRTH_PARENT, "parent"))));

    private static Classification caseMail(Set<String> cases, Set<String> clients) {
        return new Classification(Sensitivity.CASE, cases, clients, Set.of(), false, List.of(new DetectorHit("registry-case-number", 1, 1.0)));
    }

    private static FirewallPolicy policy(Map<RuleId, RuleMode> modes, Set<PartyCategory> denied, SubjectNameAction action) {
        return new FirewallPolicy(new FirewallConfig(modes, denied, action, true));
    }

    private final FirewallPolicy defaults = policy(Map.of(), Set.of(PartyCategory.BIRTH_PARENT), SubjectNameAction.WARN);

    private String verdict(FirewallPolicy policy, Optional<String> sender, String recipient, Classification classification) {
        return policy.decide(sender, List.of(recipient), classification, view).verdicts().get(0).wire();
    }

    @Test
    void fw1CaseMailToInternalAndSubdomainIsDelivered() {
        assertThat(verdict(defaults, FROM_STAFF, "bob@agency.example", caseMail(Set.of("A-1"), Set.of()))).isEqualTo("FW-1:deliver");
        assertThat(verdict(defaults, FROM_STAFF, "bob@dhhs.agency.example", caseMail(Set.of("A-1"), Set.of()))).isEqualTo("FW-1:deliver");
    }

    @Test
    void fw2CaseMailToOutsideAndLookAlikesIsRefused() {
        for (String recipient : List.of("x@gmail.test", "bob@agency.example.evil.test", "bob@evilagency.example")) {
            assertThat(verdict(defaults, FROM_STAFF, recipient, caseMail(Set.of("A-1"), Set.of()))).isEqualTo("FW-2:refuse");
        }
    }

    @Test
    void ordinaryMailGoesAnywhereWithoutRule() {
        assertThat(verdict(defaults, FROM_STAFF, "x@gmail.test", Classification.none())).isEqualTo("none:deliver");
    }

    @Test
    void fw2PatternOnlyHitWithoutRegisteredCaseIsStillRefused() {
        Classification ssnOnly = new Classification(Sensitivity.RESTRICTED, Set.of(), Set.of(), Set.of(), false,
            List.of(new DetectorHit("us-ssn", 1, 0.95)));
        assertThat(verdict(defaults, FROM_STAFF, "x@gmail.test", ssnOnly)).isEqualTo("FW-2:refuse");
        assertThat(verdict(defaults, FROM_STAFF, "gal@law.test", ssnOnly)).isEqualTo("FW-2:refuse");
    }

    @Test
    void fw3GlobalAddressAndDomainEntriesAllowAnyCase() {
        assertThat(verdict(defaults, FROM_STAFF, "Ombudsman@OMBUDS.test", caseMail(Set.of("B-2"), Set.of()))).isEqualTo("FW-2:refuse");
        assertThat(verdict(defaults, FROM_STAFF, "ombudsman@ombuds.test", caseMail(Set.of("B-2"), Set.of()))).isEqualTo("FW-3:deliver");
        assertThat(verdict(defaults, FROM_STAFF, "jo@aag.state.test", caseMail(Set.of("A-1", "B-2"), Set.of()))).isEqualTo("FW-3:deliver");
        assertThat(verdict(defaults, FROM_STAFF, "jo@sub.aag.state.test", caseMail(Set.of("A-1"), Set.of()))).isEqualTo("FW-2:refuse");
    }

    @Test
    void fw3AnEncryptedOnlyEntryDeliversOnlyEncryptedAndTheStricterApplicableEntryWins() {
        PolicyDecision decision = defaults.decide(FROM_STAFF, List.of("clerk@court.test", "ombudsman@ombuds.test", "lee@counsel.test",
            "x@gmail.test"), caseMail(Set.of("A-1"), Set.of()), view);

        assertThat(decision.toAttributeMap()).containsEntry("clerk@court.test", "FW-3:deliver").containsEntry("ombudsman@ombuds.test", "FW-3:deliver")
            .containsEntry("lee@counsel.test", "FW-3:deliver").containsEntry("x@gmail.test", "FW-2:refuse");
        assertThat(decision.encryptionRequired()).containsExactlyInAnyOrder("clerk@court.test", "lee@counsel.test");
        assertThat(defaults.decide(FROM_STAFF, List.of("lee@counsel.test"), caseMail(Set.of("B-2"), Set.of()), view).encryptionRequired())
            .as("the encrypted-only entry is for another case; the domain's global entry allows it as it is").isEmpty();
        assertThat(defaults.decide(FROM_STAFF, List.of("clerk@court.test"), Classification.none(), view).encryptionRequired())
            .as("mail with nothing of a case is not an FW-3 delivery").isEmpty();
    }

    @Test
    void fw3CaseScopedEntryCoversOnlyItsCaseAndItsClients() {
        assertThat(verdict(defaults, FROM_STAFF, "gal@law.test", caseMail(Set.of("A-1"), Set.of("C-1")))).isEqualTo("FW-3:deliver");
        assertThat(verdict(defaults, FROM_STAFF, "gal@law.test", caseMail(Set.of("B-2"), Set.of()))).isEqualTo("FW-2:refuse");
        assertThat(verdict(defaults, FROM_STAFF, "gal@law.test", caseMail(Set.of("A-1", "B-2"), Set.of()))).isEqualTo("FW-2:refuse");
        assertThat(verdict(defaults, FROM_STAFF, "gal@law.test", caseMail(Set.of("A-1"), Set.of("C-1", "C-2")))).isEqualTo("FW-2:refuse");
    }

    @Test
    void fw4DeniedCategoryIsRefusedEvenWithoutCaseContent() {
        assertThat(verdict(defaults, FROM_STAFF, "birthparent@mail.test", Classification.none())).isEqualTo("FW-4:refuse");
        FirewallPolicy nothingDenied = policy(Map.of(), Set.of(), SubjectNameAction.WARN);
        assertThat(verdict(nothingDenied, FROM_STAFF, "birthparent@mail.test", Classification.none())).isEqualTo("none:deliver");
    }

    @Test
    void fw6InboundCaseMailIsDeliveredAndOutsideSenderAdvised() {
        PolicyDecision decision = defaults.decide(Optional.of("lawyer@law.test"), List.of("bob@agency.example"),
            caseMail(Set.of("A-1"), Set.of()), view);
        assertThat(decision.verdicts().get(0).wire()).isEqualTo("FW-6:deliver");
        assertThat(decision.senderAdvisories()).containsExactly(RuleId.FW_6);
    }

    @Test
    void ntc2AuditModeDeliversButRecordsWhatWouldHaveBeenRefused() {
        FirewallPolicy audit = policy(Map.of(RuleId.FW_2, RuleMode.AUDIT, RuleId.FW_4, RuleMode.AUDIT), Set.of(PartyCategory.BIRTH_PARENT),
            SubjectNameAction.WARN);
        assertThat(verdict(audit, FROM_STAFF, "x@gmail.test", caseMail(Set.of("A-1"), Set.of()))).isEqualTo("FW-2:audit");
        assertThat(verdict(audit, FROM_STAFF, "birthparent@mail.test", Classification.none())).isEqualTo("FW-4:audit");
    }

    @Test
    void ruleOffIsNotEvaluated() {
        FirewallPolicy off = policy(Map.of(RuleId.FW_2, RuleMode.OFF), Set.of(), SubjectNameAction.WARN);
        assertThat(verdict(off, FROM_STAFF, "x@gmail.test", caseMail(Set.of("A-1"), Set.of()))).isEqualTo("none:deliver");
    }

    @Test
    void tag3WarnDeliversAndAdvisesSenderBlockRefusesEveryone() {
        Classification nameInSubject = new Classification(Sensitivity.CASE, Set.of("A-1"), Set.of("C-1"), Set.of("C-1"), false, List.of());
        PolicyDecision warned = defaults.decide(FROM_STAFF, List.of("bob@agency.example"), nameInSubject, view);
        assertThat(warned.verdicts().get(0).wire()).isEqualTo("FW-1:deliver");
        assertThat(warned.senderAdvisories()).containsExactly(RuleId.TAG_3);

        FirewallPolicy block = policy(Map.of(), Set.of(), SubjectNameAction.BLOCK);
        PolicyDecision blocked = block.decide(FROM_STAFF, List.of("bob@agency.example", "x@gmail.test"), nameInSubject, view);
        assertThat(blocked.toAttributeMap()).containsEntry("bob@agency.example", "TAG-3:refuse").containsEntry("x@gmail.test", "TAG-3:refuse");
        assertThat(blocked.senderAdvisories()).isEmpty();
    }

    @Test
    void perRecipientSplitLeavesOtherRecipientsUnaffected() {
        PolicyDecision decision = defaults.decide(FROM_STAFF, List.of("bob@agency.example", "x@gmail.test", "ombudsman@ombuds.test"),
            caseMail(Set.of("A-1"), Set.of()), view);
        assertThat(decision.toAttributeMap()).containsExactly(
            Map.entry("bob@agency.example", "FW-1:deliver"),
            Map.entry("x@gmail.test", "FW-2:refuse"),
            Map.entry("ombudsman@ombuds.test", "FW-3:deliver"));
        assertThat(decision.refused()).extracting(RecipientVerdict::recipient).containsExactly("x@gmail.test");
    }
}
