package org.caseguard.journal.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A scope's rows in the journal database (its wrapped key, its chunk lists), for a caller that creates or destroys a
 * scope within a transaction of its own: the journal commits new keys in its group commit (logged with it), and
 * releases a message's receipt copy in the commit that records its case copies, so that neither a failure nor a crash
 * can leave the receipt's key without the case copies, or both committed apart.
 */
public final class ScopeRows {
    /** A blob the store would not delete is tried again this long after, doubling each time, at most a week apart. */
    private static final Duration FIRST_RETRY = Duration.ofHours(1);
    private static final Duration LONGEST_RETRY = Duration.ofDays(7);

    private ScopeRows() {
    }

    /** A scope's new data key as stored: wrapped by the master key named by its alias. */
    public record KeyRow(KeyScope scope, byte[] wrapped, String masterAlias, long createdAtMillis) {
    }

    /** Inserts the key unless the scope has one (live or destroyed); true when this row went in. */
    public static boolean insertKeyIfAbsent(Connection connection, KeyRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_content_key (key_scope, wrapped_key, master_alias, created_at) SELECT ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM journal_content_key WHERE key_scope = ?)")) {
            insert.setString(1, row.scope().value());
            insert.setBytes(2, row.wrapped());
            insert.setString(3, row.masterAlias());
            insert.setLong(4, row.createdAtMillis());
            insert.setString(5, row.scope().value());
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Forgets the scope's wrapped key (keeping when it was destroyed) and its chunk lists, in the caller's transaction.
     * The blobs stay until {@link ContentStore#removeDestroyed} after the commit; they cannot be read from then on.
     */
    public static void destroyWithin(Connection connection, KeyScope scope, Instant at) throws SQLException {
        forgetKey(connection, scope, at.toEpochMilli());
        try (PreparedStatement chunks = connection.prepareStatement("DELETE FROM journal_chunk WHERE key_scope = ?")) {
            chunks.setString(1, scope.value());
            chunks.executeUpdate();
        }
    }

    /** Nulls the scope's wrapped key, if it has one. */
    static void forgetKey(Connection connection, KeyScope scope, long atMillis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE journal_content_key SET wrapped_key = NULL, destroyed_at = COALESCE(destroyed_at, ?) WHERE key_scope = ?")) {
            update.setLong(1, atMillis);
            update.setString(2, scope.value());
            update.executeUpdate();
        }
    }

    /** Whether some content of the scope refers to this blob, as its whole bytes or as one of its chunks. */
    public static boolean referenced(Connection connection, ContentRef blob) throws SQLException {
        for (String sql : java.util.List.of("SELECT 1 FROM journal_chunk WHERE key_scope = ? AND chunk_sha256 = ?",
            "SELECT 1 FROM journal_content WHERE key_scope = ? AND sha256 = ?")) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, blob.scope().value());
                select.setBytes(2, blob.sha256().bytes());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Lists a blob the store refused to delete for the journal's sweep (schema V10), unless it is listed already. */
    static void listRefused(Connection connection, ContentRef blob, long nowMillis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_blob_retry (key_scope, sha256, size, retry_at, attempts) SELECT ?, ?, ?, ?, 1 WHERE NOT EXISTS "
                + "(SELECT 1 FROM journal_blob_retry WHERE key_scope = ? AND sha256 = ?)")) {
            insert.setString(1, blob.scope().value());
            insert.setBytes(2, blob.sha256().bytes());
            insert.setLong(3, blob.size());
            insert.setLong(4, nowMillis + retryDelay(1).toMillis());
            insert.setString(5, blob.scope().value());
            insert.setBytes(6, blob.sha256().bytes());
            insert.executeUpdate();
        }
    }

    /**
     * How long after its {@code attempts}-th failed removal a blob or a destroyed scope is tried again: an hour after
     * the first, doubling, at most a week, so a retention of years is retried weekly, not hourly.
     */
    public static Duration retryDelay(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
