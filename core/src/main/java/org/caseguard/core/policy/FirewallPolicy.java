package org.caseguard.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.detect.Classification;
import org.caseguard.core.registry.AllowListEntry;
import org.caseguard.core.registry.ExternalParty;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;

/**
 * The firewall profile (source 002), decided per recipient:
 * <ol>
 * <li>TAG-3 block: a client's full name in the Subject refuses every recipient;</li>
 * <li>FW-4: an outside recipient whose directory category is denied is refused whatever the content;</li>
 * <li>FW-1 / FW-6: internal recipients get case mail (FW-6 when it came from outside);</li>
 * <li>FW-3: an outside recipient on the global allow-list, or on the allow-list of every case the mail concerns; if
 *     one of the entries that apply is encrypted-only, the recipient gets the mail only encrypted (ENC-1);</li>
 * <li>FW-2: any other outside recipient of case-identifying mail is refused.</li>
 * </ol>
 * A rule in {@code audit} mode yields {@link Outcome#AUDIT} where it would refuse; a rule that is {@code off} is skipped.
 */
public final class FirewallPolicy {
    private final FirewallConfig config;

    public FirewallPolicy(FirewallConfig config) {
        this.config = config;
    }

    public PolicyDecision decide(Optional<String> sender, List<String> recipients, Classification classification,
                                 PolicyView view) {
        boolean inbound = sender.map(address -> !view.isInternal(address)).orElse(true);
        boolean subjectNameFound = !classification.subjectClientIds().isEmpty() && config.mode(RuleId.TAG_3) != RuleMode.OFF;
        boolean blockForSubject = subjectNameFound && config.subjectNameAction() == SubjectNameAction.BLOCK && !inbound;

        List<RecipientVerdict> verdicts = new ArrayList<>();
        Set<String> encryptionRequired = new java.util.TreeSet<>();
        for (String recipient : recipients) {
            if (blockForSubject) {
                verdicts.add(refuseUnder(RuleId.TAG_3, recipient));
            } else {
                RecipientVerdict verdict = decideRecipient(recipient, inbound, classification, view);
                verdicts.add(verdict);
                if (verdict.rule().filter(RuleId.FW_3::equals).isPresent() && !verdict.isRefused()
                    && allowedOnlyEncrypted(recipient, classification, view)) {
                    encryptionRequired.add(recipient);
                }
            }
        }

        Set<RuleId> advisories = EnumSet.noneOf(RuleId.class);
        if (subjectNameFound && !inbound && config.subjectNameAction() == SubjectNameAction.WARN
            && config.mode(RuleId.TAG_3) == RuleMode.ON) {
            advisories.add(RuleId.TAG_3);
        }
        if (inbound && sender.isPresent() && classification.isCaseIdentifying() && config.notifyExternalSender()
            && config.mode(RuleId.FW_6) == RuleMode.ON) {
            advisories.add(RuleId.FW_6);
        }
        return new PolicyDecision(verdicts, advisories, encryptionRequired);
    }

    private RecipientVerdict decideRecipient(String recipient, boolean inbound, Classification classification, PolicyView view) {
        if (view.isInternal(recipient)) {
            if (!classification.isCaseIdentifying()) {
                return RecipientVerdict.deliver(recipient);
            }
            return RecipientVerdict.of(recipient, inbound && config.mode(RuleId.FW_6) != RuleMode.OFF ? RuleId.FW_6 : RuleId.FW_1,
                Outcome.DELIVER);
        }
        Optional<ExternalParty> party = view.party(recipient);
        if (party.isPresent() && config.deniedCategories().contains(party.get().category())
            && config.mode(RuleId.FW_4) != RuleMode.OFF) {
            return refuseUnder(RuleId.FW_4, recipient);
        }
        if (!classification.isCaseIdentifying()) {
            return RecipientVerdict.deliver(recipient);
        }
        if (config.mode(RuleId.FW_3) != RuleMode.OFF && isAllowListed(recipient, classification, view)) {
            return RecipientVerdict.of(recipient, RuleId.FW_3, Outcome.DELIVER);
        }
        if (config.mode(RuleId.FW_2) == RuleMode.OFF) {
            return RecipientVerdict.deliver(recipient);
        }
        return refuseUnder(RuleId.FW_2, recipient);
    }

    /**
     * Global entries allow any case mail. Case-scoped entries allow mail only when every case it concerns is in
     * their scope and every client it names belongs to one of those cases; mail that identifies no registered
     * case (a pattern hit only) is never covered by a case-scoped entry.
     */
    private boolean isAllowListed(String recipient, Classification classification, PolicyView view) {
        List<AllowListEntry> entries = view.allowEntries(recipient);
        if (entries.stream().anyMatch(AllowListEntry::isGlobal)) {
            return true;
        }
        Set<String> scope = new java.util.HashSet<>();
        entries.forEach(entry -> entry.caseNumber().ifPresent(scope::add));
        if (scope.isEmpty() || classification.caseNumbers().isEmpty()) {
            return false;
        }
        return scope.containsAll(classification.caseNumbers())
            && view.clientsOfCases(scope).containsAll(classification.clientIds());
    }

    /** The stricter entry wins: one encrypted-only entry among those that apply (global, or for the mail's cases) is enough. */
    private static boolean allowedOnlyEncrypted(String recipient, Classification classification, PolicyView view) {
        return view.allowEntries(recipient).stream()
            .filter(entry -> entry.isGlobal() || classification.caseNumbers().contains(entry.caseNumber().orElseThrow()))
            .anyMatch(AllowListEntry::encryptedOnly);
    }

    private RecipientVerdict refuseUnder(RuleId rule, String recipient) {
        return RecipientVerdict.of(recipient, rule, config.mode(rule) == RuleMode.AUDIT ? Outcome.AUDIT : Outcome.REFUSE);
    }
}
