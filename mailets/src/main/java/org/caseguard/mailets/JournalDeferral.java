package org.caseguard.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JRN-2, fail closed: a mail whose journal record cannot be written goes back to James's spool, in the processor it
 * was in, after a delay that grows with each attempt up to the last configured one, and is retried for as long as
 * it takes. This copy stops here (GHOST), so nothing of it is delivered meanwhile, and nothing is lost: the queued
 * copy carries every recipient and attribute.
 */
final class JournalDeferral {
    private static final Logger LOGGER = LoggerFactory.getLogger(JournalDeferral.class);
    static final AttributeName ATTEMPTS = AttributeName.of("caseguard.journalAttempts");
    static final String DEFAULT_DELAYS = "1s, 5s, 30s, 60s";

    private final MailQueue spool;
    private final List<Duration> delays;

    JournalDeferral(MailQueue spool, List<Duration> delays) {
        this.spool = spool;
        this.delays = List.copyOf(delays);
    }

    static JournalDeferral from(MailQueueFactory<?> queues, MailetParameters parameters) throws MessagingException {
        String value = parameters.orDefault("retryDelays", DEFAULT_DELAYS);
        List<Duration> delays = new ArrayList<>();
        for (String part : value.split(",")) {
            delays.add(parseDelay(part.trim(), parameters, value));
        }
        return new JournalDeferral(queues.createQueue(MailQueueFactory.SPOOL), delays);
    }

    private static Duration parseDelay(String part, MailetParameters parameters, String whole) throws MessagingException {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d{1,6})(ms|s|m)").matcher(part);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw parameters.invalid("retryDelays", "a comma-separated list of positive delays such as 1s, 5s, 30s, 60s (units ms, s, m)", whole);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    List<Duration> delays() {
        return delays;
    }

    void defer(Mail mail, RuntimeException cause) throws MessagingException {
        int attempt = mail.getAttribute(ATTEMPTS).flatMap(attribute -> attribute.getValue().valueAs(Integer.class)).orElse(0) + 1;
        Duration delay = delays.get(Math.min(attempt - 1, delays.size() - 1));
        mail.setAttribute(new Attribute(ATTEMPTS, AttributeValue.of(attempt)));
        LOGGER.warn("caseguard journal unavailable rule=JRN-2 key={} state={} attempt={} retryIn={}: {}",
            CaseguardAttributes.messageKey(mail), mail.getState(), attempt, delay, cause.getMessage());
        try {
            spool.enQueue(mail, delay);
        } catch (MailQueue.MailQueueException e) {
            // Not even the spool takes it back: let James's own error handling keep the mail (it is not delivered).
            throw new MessagingException("JRN-2: journal unavailable and the mail could not be requeued", e);
        }
        mail.removeAttribute(ATTEMPTS);
        mail.setState(Mail.GHOST);
    }

    static void journaled(Mail mail) {
        mail.removeAttribute(ATTEMPTS);
    }
}
