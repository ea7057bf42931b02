package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of a received message as JRN-1 records it: MAIL FROM (empty for the null sender), every RCPT TO
 * (Bcc recipients are only here), the authenticated user, the remote address and host, and when it was received.
 */
public record Envelope(String mailFrom, List<String> recipients, Optional<String> authenticatedUser,
                       Optional<String> remoteAddress, Optional<String> remoteHost, Instant receivedAt) {
    public Envelope {
        mailFrom = Objects.requireNonNullElse(mailFrom, "");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("envelope: at least one recipient");
        }
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(remoteHost, "remoteHost");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
