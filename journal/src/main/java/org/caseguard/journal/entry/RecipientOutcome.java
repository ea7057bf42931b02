package org.caseguard.journal.entry;

import java.util.List;
import java.util.Objects;

/** What was decided for one recipient: an outcome word (deliver, refuse, audit, encrypt...) and the rule IDs. */
public record RecipientOutcome(String recipient, String outcome, List<String> rules) {
    public RecipientOutcome {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
        rules = List.copyOf(rules);
    }
}
