package org.caseguard.core.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.policy.RecipientVerdict;

/**
 * What the consent rules decided for the client recipients of one message (other recipients are not in it):
 * a verdict each, the recipients that may only receive the message encrypted (CN-1d, ENC-1), and for refusals the
 * plain-language reasons without client detail (the unmet CN-1 conditions, an unknown purpose).
 */
public record ConsentDecision(List<RecipientVerdict> verdicts, Set<String> encryptionRequired,
                              Map<String, List<String>> reasons) {
    public ConsentDecision {
        verdicts = List.copyOf(verdicts);
        encryptionRequired = Set.copyOf(encryptionRequired);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        reasons.forEach((recipient, list) -> copy.put(recipient, List.copyOf(list)));
        reasons = java.util.Collections.unmodifiableMap(copy);
    }

    public static ConsentDecision none() {
        return new ConsentDecision(List.of(), Set.of(), Map.of());
    }
}
