package org.caseguard.core.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.policy.Outcome;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;

/**
 * The consent profile (source 001) for mail from the agency to client addresses, decided per client recipient,
 * first failing rule wins:
 * <ol>
 * <li>CN-3: an address of a minor whose consent came from a responsible adult is never mailed;</li>
 * <li>CN-4: only the exact consented address: another address of the client, or a variant of one, is refused;</li>
 * <li>CN-1: every condition in effect on the sending date (program approval, clinician determination, email
 *     preferred, form signed by both, effective, not expired, not revoked);</li>
 * <li>CN-5: a message concerning two or more clients (by recipients and by content) is refused to every client recipient;</li>
 * <li>CN-9: privacy-rights requests are not served by email;</li>
 * <li>CN-8: diagnosis or treatment content is refused, and so is content no labeler checked;</li>
 * <li>CN-7: a permitted purpose must be declared, be permitted for this client, and match the content.</li>
 * </ol>
 * A recipient that passes is delivered under CN-1 and only encrypted (CN-1d): it is put in
 * {@link ConsentDecision#encryptionRequired()}. A rule in audit mode records {@link Outcome#AUDIT} where it
 * would refuse; the recipient still requires encryption. Automatic replies of the server (CN-6, OPS-2: no content)
 * are delivered as they are; the CN-10 reply carries forms and requires encryption.
 */
public final class ConsentPolicy {
    private final ConsentConfig config;

    public ConsentPolicy(ConsentConfig config) {
        this.config = config;
    }

    public ConsentConfig config() {
        return config;
    }

    /**
     * @param recipients     the recipients to judge (after alias resolution)
     * @param contentClients clients the content identifies (classification)
     * @param autoReply      the rule under which this server generated the message, when it did
     */
    public ConsentDecision decide(List<String> recipients, Set<String> contentClients, ContentLabels labels,
                                  DeclaredPurpose purpose, Optional<RuleId> autoReply, ConsentView view, LocalDate today) {
        Map<String, List<AddressRole>> clientRecipients = new LinkedHashMap<>();
        for (String recipient : recipients) {
            List<AddressRole> roles = view.rolesOf(recipient);
            if (!roles.isEmpty()) {
                clientRecipients.put(recipient, roles);
            }
        }
        if (clientRecipients.isEmpty()) {
            return ConsentDecision.none();
        }
        if (autoReply.isPresent()) {
            return automaticReply(clientRecipients.keySet(), autoReply.get());
        }
        Set<String> clients = new LinkedHashSet<>(contentClients);
        clientRecipients.values().forEach(roles -> roles.forEach(role -> clients.add(role.clientId())));

        List<RecipientVerdict> verdicts = new ArrayList<>();
        Set<String> encrypted = new HashSet<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, List<AddressRole>> entry : clientRecipients.entrySet()) {
            String recipient = entry.getKey();
            Judgement judgement = judge(entry.getValue(), clients.size(), labels, purpose, view, today);
            Outcome outcome = judgement.rule == RuleId.CN_1 && judgement.reasons.isEmpty() ? Outcome.DELIVER
                : config.mode(judgement.rule) == RuleMode.AUDIT ? Outcome.AUDIT : Outcome.REFUSE;
            verdicts.add(RecipientVerdict.of(recipient, judgement.rule, outcome));
            if (outcome != Outcome.REFUSE) {
                encrypted.add(recipient);
            } else if (!judgement.reasons.isEmpty()) {
                reasons.put(recipient, judgement.reasons);
            }
        }
        return new ConsentDecision(verdicts, encrypted, reasons);
    }

    private record Judgement(RuleId rule, List<String> reasons) {
        static Judgement refuse(RuleId rule, String... reasons) {
            return new Judgement(rule, List.of(reasons));
        }
    }

    private Judgement judge(List<AddressRole> roles, int clientCount, ContentLabels labels, DeclaredPurpose purpose,
                            ConsentView view, LocalDate today) {
        if (roles.stream().anyMatch(role -> role.kind() == AddressRole.Kind.MINOR) && enforced(RuleId.CN_3)) {
            return Judgement.refuse(RuleId.CN_3, "this address is a minor's, whose consent came from a responsible adult: "
                + "only the adult's consented address may receive email");
        }
        if (roles.stream().anyMatch(role -> !role.isConsentedAddress()) && enforced(RuleId.CN_4)) {
            return Judgement.refuse(RuleId.CN_4, "this is not the exact address on the client's consent form");
        }
        // Several clients' consented address at once (a shared family address) is a CN-5 matter, judged below.
        ConsentRecord record = view.record(roles.get(0).clientId()).orElse(null);
        if (enforced(RuleId.CN_1)) {
            List<ConsentGap> gaps = ConsentConditions.unmet(Optional.ofNullable(record), today);
            if (!gaps.isEmpty()) {
                return new Judgement(RuleId.CN_1, gaps.stream().map(ConsentGap::explanation).toList());
            }
        }
        if (clientCount > 1 && enforced(RuleId.CN_5)) {
            return Judgement.refuse(RuleId.CN_5, "the message concerns more than one client");
        }
        if (!labels.checked() && enforced(RuleId.CN_8)) {
            return Judgement.refuse(RuleId.CN_8, "the content was not checked for diagnosis or treatment (the message reached this "
                + "client address through a forward or alias); send it to the client's address directly");
        }
        if (labels.has(ContentLabel.PRIVACY_RIGHTS_REQUEST) && enforced(RuleId.CN_9)) {
            return Judgement.refuse(RuleId.CN_9);
        }
        if (labels.has(ContentLabel.DIAGNOSIS_TREATMENT) && enforced(RuleId.CN_8)) {
            return Judgement.refuse(RuleId.CN_8);
        }
        if (enforced(RuleId.CN_7)) {
            Optional<String> purposeProblem = purposeProblem(purpose, record, labels);
            if (purposeProblem.isPresent()) {
                return Judgement.refuse(RuleId.CN_7, purposeProblem.get());
            }
        }
        return new Judgement(RuleId.CN_1, List.of());
    }

    private Optional<String> purposeProblem(DeclaredPurpose declared, ConsentRecord record, ContentLabels labels) {
        if (declared.unknown().isPresent()) {
            return Optional.of("the declared purpose is not one of " + Purpose.allowedValues());
        }
        if (declared.purpose().isEmpty()) {
            return Optional.of("no purpose was declared: add [purpose: one of " + Purpose.allowedValues() + "] to the subject");
        }
        Purpose purpose = declared.purpose().get();
        if (record == null || !record.permittedPurposes().contains(purpose)) {
            return Optional.of("the purpose " + purpose.wire() + " is not permitted for this client");
        }
        if (config.requireContentSupport() && !labels.has(purpose.label())) {
            return Optional.of("the content does not read as " + purpose.wire());
        }
        return Optional.empty();
    }

    private boolean enforced(RuleId rule) {
        return config.mode(rule) != RuleMode.OFF;
    }

    private ConsentDecision automaticReply(Set<String> recipients, RuleId rule) {
        List<RecipientVerdict> verdicts = recipients.stream().map(recipient -> RecipientVerdict.of(recipient, rule, Outcome.DELIVER)).toList();
        Set<String> encrypted = rule == RuleId.CN_10 ? recipients : Set.of();
        return new ConsentDecision(verdicts, encrypted, Map.of());
    }
}
