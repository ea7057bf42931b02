package org.caseguard.journal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.caseguard.journal.Hash;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.ScopeRows;

/**
 * JRN-6, JRN-7: removes blobs that outlived their key. A scope's key is destroyed first (a released receipt copy, a
 * disposal) and its blobs are removed after; a crash in between, a store that fails, or an Object Lock retention still
 * running leaves blobs behind. They cannot be read, but they take space and show in the bucket. A sweep goes once
 * through every scope destroyed since the previous sweep (schema V10 keeps the mark) and retries, with a growing delay,
 * the scopes it could not empty. It never touches a scope whose key is live, except for the single blobs a disposal
 * could not delete from one ({@code journal_blob_retry}): those it deletes, holding the journal's disposal lock so that
 * no message is recorded meanwhile, unless some content of the scope refers to them again.
 */
public final class BlobSweeper {
    /** Scopes destroyed this recently are left to the removal that follows their destruction (and to commits in flight). */
    static final Duration GRACE = Duration.ofMinutes(5);
    private static final int PAGE = 500;

    /** What one sweep did: scopes and single blobs checked, of which gone, of which left for a later sweep. */
    public record Sweep(int checked, int emptied, int left) {
        Sweep plus(Sweep other) {
            return new Sweep(checked + other.checked, emptied + other.emptied, left + other.left);
        }
    }

    private final DataSource dataSource;
    private final ContentStore content;
    private final Clock clock;
    private final Lock noRecording;

    /** {@code noRecording}: held while single blobs of live scopes are deleted, so no put can take one up meanwhile. */
    public BlobSweeper(DataSource dataSource, ContentStore content, Clock clock, Lock noRecording) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.content = Objects.requireNonNull(content, "content");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.noRecording = Objects.requireNonNull(noRecording, "noRecording");
    }

    public synchronized Sweep sweep() {
        long now = clock.millis();
        long upTo = now - GRACE.toMillis();
        Map<KeyScope, Integer> failed = new LinkedHashMap<>();
        List<KeyScope> retriedAndEmptied = new ArrayList<>();
        int checked = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<KeyScope, Integer> retry : dueRetries(connection, now).entrySet()) {
                checked++;
                if (emptied(retry.getKey())) {
                    retriedAndEmptied.add(retry.getKey());
                } else {
                    failed.put(retry.getKey(), retry.getValue());
                }
            }
            long mark = mark(connection);
            if (upTo > mark) {
                for (KeyScope scope : destroyedBetween(connection, mark, upTo)) {
                    checked++;
                    if (!emptied(scope)) {
                        failed.putIfAbsent(scope, 0);
                    }
                }
            }
            record(connection, failed, retriedAndEmptied, now, Math.max(mark, upTo));
            return new Sweep(checked, checked - failed.size(), failed.size()).plus(retryBlobs(connection, now));
        } catch (SQLException e) {
            throw new JournalUnavailableException("journal: the sweep of destroyed content could not read or record its progress", e);
        }
    }

    private Sweep retryBlobs(Connection connection, long now) throws SQLException {
        Map<ContentRef, Integer> dueBlobs = dueBlobs(connection, now);
        if (dueBlobs.isEmpty()) {
            return new Sweep(0, 0, 0); // and recording is not held up for nothing
        }
        List<ContentRef> gone = new ArrayList<>();
        Map<ContentRef, Integer> kept = new LinkedHashMap<>();
        noRecording.lock();
        try {
            for (Map.Entry<ContentRef, Integer> due : dueBlobs.entrySet()) {
                ContentRef blob = due.getKey();
                if (content.isDestroyed(blob.scope()) || ScopeRows.referenced(connection, blob) || deleted(blob)) {
                    gone.add(blob); // a destroyed scope's blobs are the scope sweep's
                } else {
                    kept.put(blob, due.getValue());
                }
            }
        } finally {
            noRecording.unlock();
        }
        recordBlobs(connection, gone, kept, now);
        return new Sweep(gone.size() + kept.size(), gone.size(), kept.size());
    }

    private boolean deleted(ContentRef blob) {
        return succeeded(() -> content.delete(blob) || !content.holds(blob));
    }

    private static Map<ContentRef, Integer> dueBlobs(Connection connection, long now) throws SQLException {
        Map<ContentRef, Integer> due = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT key_scope, sha256, size, attempts FROM journal_blob_retry WHERE retry_at <= ? ORDER BY retry_at, key_scope")) {
            select.setLong(1, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.put(new ContentRef(new KeyScope(rows.getString(1)), Hash.of(rows.getBytes(2)), rows.getLong(3)), rows.getInt(4));
                }
            }
        }
        return due;
    }

    private static void recordBlobs(Connection connection, List<ContentRef> gone, Map<ContentRef, Integer> kept, long now) throws SQLException {
        inTransaction(connection, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM journal_blob_retry WHERE key_scope = ? AND sha256 = ?");
                 PreparedStatement later = connection.prepareStatement(
                     "UPDATE journal_blob_retry SET retry_at = ?, attempts = ? WHERE key_scope = ? AND sha256 = ?")) {
                for (ContentRef blob : gone) {
                    delete.setString(1, blob.scope().value());
                    delete.setBytes(2, blob.sha256().bytes());
                    delete.addBatch();
                }
                for (Map.Entry<ContentRef, Integer> blob : kept.entrySet()) {
                    int attempts = blob.getValue() + 1;
                    later.setLong(1, now + ScopeRows.retryDelay(attempts).toMillis());
                    later.setInt(2, attempts);
                    later.setString(3, blob.getKey().scope().value());
                    later.setBytes(4, blob.getKey().sha256().bytes());
                    later.addBatch();
                }
                delete.executeBatch();
                later.executeBatch();
            }
        });
    }

    private boolean emptied(KeyScope scope) {
        return succeeded(() -> content.removeLeftovers(scope));
    }

    /** A store that fails counts as not done yet: the next due sweep tries again. */
    private static boolean succeeded(BooleanSupplier removal) {
        try {
            return removal.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<KeyScope, Integer> dueRetries(Connection connection, long now) throws SQLException {
        Map<KeyScope, Integer> due = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT key_scope, attempts FROM journal_blob_sweep WHERE retry_at <= ? ORDER BY retry_at, key_scope")) {
            select.setLong(1, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.put(new KeyScope(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return due;
    }

    private static long mark(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT swept_through FROM journal_blob_sweep_mark WHERE id = 1");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0L;
        }
    }

    /** Every scope destroyed in (after, upTo], read a page at a time in (destroyed_at, key_scope) order. */
    private static List<KeyScope> destroyedBetween(Connection connection, long after, long upTo) throws SQLException {
        List<KeyScope> scopes = new ArrayList<>();
        String columns = "SELECT key_scope, destroyed_at FROM journal_content_key WHERE wrapped_key IS NULL AND destroyed_at <= ? AND ";
        String order = " ORDER BY destroyed_at, key_scope LIMIT " + PAGE;
        try (PreparedStatement first = connection.prepareStatement(columns + "destroyed_at > ?" + order);
             PreparedStatement next = connection.prepareStatement(columns + "(destroyed_at > ? OR (destroyed_at = ? AND key_scope > ?))" + order)) {
            first.setLong(1, upTo);
            first.setLong(2, after);
            PreparedStatement page = first;
            while (true) {
                long lastAt = 0;
                String lastScope = null;
                int rowsRead = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        lastScope = rows.getString(1);
                        lastAt = rows.getLong(2);
                        scopes.add(new KeyScope(lastScope));
                        rowsRead++;
                    }
                }
                if (rowsRead < PAGE) {
                    return scopes;
                }
                next.setLong(1, upTo);
                next.setLong(2, lastAt);
                next.setLong(3, lastAt);
                next.setString(4, lastScope);
                page = next;
            }
        }
    }

    private static void record(Connection connection, Map<KeyScope, Integer> failed, List<KeyScope> emptied, long now, long sweptThrough)
        throws SQLException {
        inTransaction(connection, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM journal_blob_sweep WHERE key_scope = ?");
                 PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO journal_blob_sweep (key_scope, retry_at, attempts) VALUES (?, ?, ?)");
                 PreparedStatement mark = connection.prepareStatement("UPDATE journal_blob_sweep_mark SET swept_through = ? WHERE id = 1")) {
                for (KeyScope scope : emptied) {
                    delete.setString(1, scope.value());
                    delete.addBatch();
                }
                for (Map.Entry<KeyScope, Integer> failure : failed.entrySet()) {
                    delete.setString(1, failure.getKey().value());
                    delete.addBatch();
                    int attempts = failure.getValue() + 1;
                    insert.setString(1, failure.getKey().value());
                    insert.setLong(2, now + ScopeRows.retryDelay(attempts).toMillis());
                    insert.setInt(3, attempts);
                    insert.addBatch();
                }
                delete.executeBatch();
                insert.executeBatch();
                mark.setLong(1, sweptThrough);
                mark.executeUpdate();
            }
        });
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
