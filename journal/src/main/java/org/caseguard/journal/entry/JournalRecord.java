package org.caseguard.journal.entry;

import java.time.Instant;
import java.util.Map;

/**
 * One leaf of the journal (JRN-1, JRN-3): what the server received, what was decided on it, the protected
 * copies that left, who accessed the journal (JRN-7) and what was disposed of (JRN-6). A record never changes
 * once appended; later facts about a message are further records with the same message key. Its canonical form ({@link CanonicalJson}) is what the Merkle log hashes.
 */
public sealed interface JournalRecord permits ReceivedRecord, VerdictRecord, OutboundCopyRecord, AccessRecord, DisposalRecord {
    int FORMAT_VERSION = 1;

    String messageKey();

    Instant recordedAt();

    String kind();

    /** The record's fields, in a form {@link CanonicalJson} writes deterministically. */
    Map<String, Object> fields();
}
