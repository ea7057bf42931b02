package org.caseguard.journal.content;

import java.util.List;
import java.util.Set;

/**
 * Where new content keys are committed when not straight into the database: the journal on its embedded database
 * logs them in its group commit (forced to its write-ahead log, applied again after a crash) instead of forcing the
 * whole database to disk for each new key.
 */
@FunctionalInterface
public interface KeyRowLog {
    /**
     * Commits the rows, each unless its scope has a key already; durable when this returns. Returns the scopes whose
     * row went in.
     *
     * @throws RuntimeException if they could not be committed (the caller fails closed)
     */
    Set<KeyScope> commitDurably(List<ScopeRows.KeyRow> rows);
}
