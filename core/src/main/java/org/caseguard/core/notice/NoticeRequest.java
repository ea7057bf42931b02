package org.caseguard.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;

/**
 * What a notice is about. Deliberately holds nothing of the message content: no Subject, no body, no names:
 * only the envelope recipients concerned, the rules, and references the sender can find the message by.
 */
public record NoticeRequest(NoticeKind kind, String to, List<RecipientVerdict> recipients, Set<RuleId> rules,
                            Optional<String> originalMessageId, Instant originalDate, String messageKey) {
    public NoticeRequest {
        recipients = List.copyOf(recipients);
        rules = Set.copyOf(rules);
    }
}
