package org.caseguard.journal.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A search of the journal (JRN-3, JRN-7): every given criterion must hold. Participant addresses match envelope
 * senders and recipients, case-insensitively; rules match any verdict with that rule ID; dates are receipt times,
 * {@code from} inclusive and {@code to} exclusive.
 */
public record JournalSearch(Optional<String> caseId, Optional<String> clientId, Optional<String> participant, Optional<String> rule,
                            Optional<Instant> from, Optional<Instant> to, int limit) {
    public static final int MAX_LIMIT = 1000;

    public JournalSearch {
        participant = participant.map(address -> address.toLowerCase(Locale.ROOT));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static JournalSearch ofCase(String caseId) {
        return new JournalSearch(Optional.of(caseId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);
    }
}
