package org.caseguard.journal.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A search of the journal (JRN-3, JRN-7): every given criterion must hold. Participant addresses match envelope
 * senders and recipients, case-insensitively; rules match any verdict with that rule ID; dates are receipt times,
 * {@code from} inclusive and {@code to} exclusive; {@code words} (already normalised, see core's SearchTerms) must
 * all be among the message's indexed words.
 */
public record JournalSearch(Optional<String> caseId, Optional<String> clientId, Optional<String> participant, Optional<String> rule,
                            Optional<Instant> from, Optional<Instant> to, int limit, Set<String> words) {
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_WORDS = 20;

    public JournalSearch {
        participant = participant.map(address -> address.toLowerCase(Locale.ROOT));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        words = Set.copyOf(words);
        if (words.size() > MAX_WORDS) {
            throw new IllegalArgumentException("at most " + MAX_WORDS + " words, got " + words.size());
        }
    }

    public JournalSearch(Optional<String> caseId, Optional<String> clientId, Optional<String> participant, Optional<String> rule,
                         Optional<Instant> from, Optional<Instant> to, int limit) {
        this(caseId, clientId, participant, rule, from, to, limit, Set.of());
    }

    public static JournalSearch ofCase(String caseId) {
        return new JournalSearch(Optional.of(caseId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);
    }
}
