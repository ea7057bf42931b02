package org.caseguard.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;

/**
 * What a notice is about. Deliberately holds nothing of the message content: no Subject, no body, no names:
 * only the envelope recipients concerned, the rules, and references the sender can find the message by.
 * {@code details} are plain-language explanations per recipient that name no client (which CN-1 condition is unmet).
 */
public record NoticeRequest(NoticeKind kind, String to, List<RecipientVerdict> recipients, Set<RuleId> rules,
                            Optional<String> originalMessageId, Instant originalDate, String messageKey,
                            Map<String, List<String>> details) {
    public NoticeRequest {
        recipients = List.copyOf(recipients);
        rules = Set.copyOf(rules);
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        details.forEach((recipient, lines) -> copy.put(recipient, List.copyOf(lines)));
        details = java.util.Collections.unmodifiableMap(copy);
    }

    public NoticeRequest(NoticeKind kind, String to, List<RecipientVerdict> recipients, Set<RuleId> rules,
                         Optional<String> originalMessageId, Instant originalDate, String messageKey) {
        this(kind, to, recipients, rules, originalMessageId, originalDate, messageKey, Map.of());
    }
}
