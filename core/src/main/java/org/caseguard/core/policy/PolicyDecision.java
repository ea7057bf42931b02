package org.caseguard.core.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.rules.RuleId;

/**
 * Everything the firewall decided about one message: a verdict per recipient, the advisory notices to send
 * without refusing anything (TAG-3 warn to the sender, FW-6 notice to an outside sender), and the delivered
 * recipients that may receive it only encrypted (FW-3 entries marked encrypted-only, ENC-1).
 */
public record PolicyDecision(List<RecipientVerdict> verdicts, Set<RuleId> senderAdvisories, Set<String> encryptionRequired) {
    public PolicyDecision {
        verdicts = List.copyOf(verdicts);
        senderAdvisories = Set.copyOf(senderAdvisories);
        encryptionRequired = Set.copyOf(encryptionRequired);
    }

    public PolicyDecision(List<RecipientVerdict> verdicts, Set<RuleId> senderAdvisories) {
        this(verdicts, senderAdvisories, Set.of());
    }

    public List<RecipientVerdict> refused() {
        return verdicts.stream().filter(RecipientVerdict::isRefused).toList();
    }

    /** recipient → wire verdict ({@code FW-2:refuse}), the form kept in mail attributes and the journal. */
    public Map<String, String> toAttributeMap() {
        Map<String, String> map = new LinkedHashMap<>();
        verdicts.forEach(verdict -> map.put(verdict.recipient(), verdict.wire()));
        return map;
    }
}
