package org.caseguard.core.policy;

import java.util.Optional;

import org.caseguard.core.rules.RuleId;

/**
 * The decision for one recipient and the rule that took it; no rule when nothing case-related applied
 * (ordinary mail). Wire form, used in mail attributes, logs and the journal: {@code FW-2:refuse}, {@code none:deliver}.
 */
public record RecipientVerdict(String recipient, Optional<RuleId> rule, Outcome outcome) {
    private static final String NO_RULE = "none";

    public static RecipientVerdict deliver(String recipient) {
        return new RecipientVerdict(recipient, Optional.empty(), Outcome.DELIVER);
    }

    public static RecipientVerdict of(String recipient, RuleId rule, Outcome outcome) {
        return new RecipientVerdict(recipient, Optional.of(rule), outcome);
    }

    public String wire() {
        return rule.map(RuleId::id).orElse(NO_RULE) + ":" + outcome.wire();
    }

    public static RecipientVerdict parse(String recipient, String wire) {
        int colon = wire.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("verdict must look like RULE:outcome");
        }
        String rule = wire.substring(0, colon);
        Optional<RuleId> ruleId = rule.equals(NO_RULE) ? Optional.empty()
            : Optional.of(RuleId.parse(rule).orElseThrow(() -> new IllegalArgumentException("unknown rule in verdict")));
        return new RecipientVerdict(recipient, ruleId, Outcome.parse(wire.substring(colon + 1)));
    }

    public boolean isRefused() {
        return outcome == Outcome.REFUSE;
    }
}
