package org.caseguard.core.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consent registry (CN-1..CN-10), with history: every write keeps the previous state, so the record as it was
 * at any past instant can be shown, and a decision taken then can be reproduced. Shares its database and its
 * change counter ({@link #version()}) with the other registries, so caches on every James node see a change on
 * their next message.
 */
public interface ConsentStore {
    long version();

    List<ConsentRecord> all();

    Optional<ConsentRecord> find(String clientId);

    /** The record as it was stored at {@code when} (empty if there was none then). */
    Optional<ConsentRecord> findAsOf(String clientId, Instant when);

    /** Every record as it was stored at {@code when}. */
    List<ConsentRecord> allAsOf(Instant when);

    /** Creates or replaces the client's record, keeping the previous one in the history. */
    void put(ConsentRecord record, String changedBy);

    /** Ends the client's record (history kept); false if there was none. */
    boolean delete(String clientId, String changedBy);

    /** Field-level changes, oldest first. */
    List<ConsentChange> history(String clientId);

    /** All or nothing, one transaction (bulk import). */
    void putAll(List<ConsentRecord> records, String changedBy);
}
