package org.caseguard.core.autoreply;

import java.util.Arrays;
import java.util.Optional;

import org.caseguard.core.rules.RuleId;

/**
 * The automatic replies to client mail, highest priority first: a message gets at most one, the first that applies.
 * {@link #wire()} is the ledger kind (one reply per address per kind per period), the parameter and text key suffix.
 */
public enum AutoReplyKind {
    /** CN-6, emergent mail (whatever the consent): the crisis line first. */
    CRISIS("CN-6-crisis", RuleId.CN_6),
    /** CN-10: the approved request forms, sent by the secure method. */
    PRIVACY_REQUEST("CN-10", RuleId.CN_10),
    /** CN-6: the client fails CN-1, so please call or write. */
    NO_CONSENT("CN-6", RuleId.CN_6),
    /** OPS-2: the office is closed now; the hours and the crisis line. */
    OUT_OF_HOURS("OPS-2-out-of-hours", RuleId.OPS_2),
    /** OPS-2: received, the worker will answer. */
    ACKNOWLEDGEMENT("OPS-2-ack", RuleId.OPS_2);

    private final String wire;
    private final RuleId rule;

    AutoReplyKind(String wire, RuleId rule) {
        this.wire = wire;
        this.rule = rule;
    }

    public String wire() {
        return wire;
    }

    public RuleId rule() {
        return rule;
    }

    public static Optional<AutoReplyKind> parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.wire.equalsIgnoreCase(value.trim())).findFirst();
    }
}
