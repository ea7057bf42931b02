package org.caseguard.journal.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.caseguard.journal.Hash;
import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.MerkleLog;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.ScopeRows;
import org.caseguard.journal.entry.CanonicalJson;
import org.caseguard.journal.entry.JournalRecord;

/**
 * One writer thread appends every record: the Merkle log has a single writer, and records that arrive while a
 * transaction commits go together in the next one, so concurrent callers share one commit (group commit) instead of
 * paying one each. A caller waits until its record is durable, or gets the failure of its batch. With a write-ahead
 * log (the embedded database), a batch is durable once its frame is forced there, before the database commits it;
 * the database is forced to disk, and the log emptied, every {@link WriteAheadLog#CHECKPOINT_BYTES} of log and when
 * the journal closes.
 */
final class GroupCommitter implements AutoCloseable {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(GroupCommitter.class);
    static final int MAX_BATCH = 512;

    /** What the writer commits: records to append, and new content keys that go into the same group commit. */
    sealed interface Work permits Pending, NewKeys {
        void fail(Throwable cause);
    }

    /** {@code terms}: the message's full-text terms (keyed hashes) to index in place of any it had; empty leaves them. */
    record Pending(JournalRecord record, byte[] canonical, Hash entryHash, java.util.Optional<String> mailName,
                   List<ContentRef> content, java.util.Optional<List<byte[]>> terms, CompletableFuture<Long> leaf) implements Work {
        @Override
        public void fail(Throwable cause) {
            leaf.completeExceptionally(cause);
        }
    }

    /**
     * Content keys created ahead of their first blob: committed (and on the embedded database logged) with the group
     * instead of in a transaction forced to disk on its own. Completes with the scopes whose key went in.
     */
    record NewKeys(List<ScopeRows.KeyRow> rows, CompletableFuture<Set<KeyScope>> inserted) implements Work {
        @Override
        public void fail(Throwable cause) {
            inserted.completeExceptionally(cause);
        }
    }

    private volatile MerkleLog log;
    private final Optional<WriteAheadLog> writeAhead;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;
    /** Set when the database and the write-ahead log could not be brought together again: nothing more is appended. */
    private volatile RuntimeException broken;

    /**
     * The writer for this log; with a write-ahead log at the path given, first applies what the database lost in a
     * crash (JRN-2), so that the writer starts where the log really ends. A log that cannot be applied stops the start.
     */
    static GroupCommitter start(MerkleLog log, Optional<java.nio.file.Path> writeAheadLog) {
        Optional<WriteAheadLog> writeAhead = writeAheadLog.map(WriteAheadLog::open);
        if (writeAhead.isPresent()) {
            int replayed;
            try {
                replayed = replay(log, writeAhead.get());
            } catch (RuntimeException e) {
                writeAhead.get().close();
                throw e;
            }
            if (replayed > 0) {
                LOGGER.warn("caseguard journal: {} records the database had lost in a crash were applied from the write-ahead log rule=JRN-2", replayed);
            }
        }
        return new GroupCommitter(log, writeAhead);
    }

    private GroupCommitter(MerkleLog log, Optional<WriteAheadLog> writeAhead) {
        this.log = log;
        this.writeAhead = writeAhead;
        this.thread = new Thread(this::run, "caseguard-journal-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    MerkleLog log() {
        return log;
    }

    CompletableFuture<Long> submit(Pending pending) {
        enqueue(pending);
        return pending.leaf();
    }

    CompletableFuture<Set<KeyScope>> submitKeys(List<ScopeRows.KeyRow> rows) {
        NewKeys keys = new NewKeys(List.copyOf(rows), new CompletableFuture<>());
        enqueue(keys);
        return keys.inserted();
    }

    private void enqueue(Work work) {
        if (!open) {
            work.fail(new IllegalStateException("journal closed"));
        } else if (broken != null) {
            work.fail(broken);
        } else {
            queue.add(work);
        }
    }

    private void run() {
        List<Work> batch = new ArrayList<>(MAX_BATCH);
        while (open || !queue.isEmpty()) {
            try {
                Work first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                if (writeAhead.isPresent() && writeAhead.get().size() >= WriteAheadLog.CHECKPOINT_BYTES) {
                    checkpoint();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                open = false;
            } finally {
                batch.clear();
            }
        }
        Work left;
        while ((left = queue.poll()) != null) {
            left.fail(new IllegalStateException("journal closed"));
        }
        checkpoint();
    }

    /**
     * Forces the database to disk and then empties the write-ahead log. If either fails, the log keeps its frames
     * (they are applied again at start, which skips what the database already has) and the next checkpoint retries.
     */
    private void checkpoint() {
        if (writeAhead.isEmpty()) {
            return;
        }
        try {
            JdbcLeafStore store = (JdbcLeafStore) log.store();
            store.checkpoint();
            if (!store.endsAt(log.size())) {
                // The database lost commits while running (reopened after a failure): the log still holds them.
                catchUp(MerkleLog.open(store));
                return;
            }
            writeAhead.get().reset();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("caseguard journal: checkpoint failed, the write-ahead log keeps its frames rule=JRN-2 ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * Applies the write-ahead log to a database found behind it while running. If that fails, appending stops (fail
     * closed, JRN-2): a new batch would take leaf numbers the log already holds for acknowledged records.
     */
    private void catchUp(MerkleLog reopened) {
        try {
            replay(reopened, writeAhead.orElseThrow());
            log = reopened;
        } catch (RuntimeException e) {
            broken = new IllegalStateException("journal: the database lost commits and the write-ahead log could not restore them; restart the server", e);
            LOGGER.error("caseguard journal: database behind its write-ahead log, appending stopped until restart rule=JRN-2 ({})", e.getClass().getSimpleName());
        }
    }

    private void commit(List<Work> batch) {
        if (broken != null) {
            batch.forEach(work -> work.fail(broken));
            return;
        }
        List<Pending> records = new ArrayList<>(batch.size());
        List<NewKeys> newKeys = new ArrayList<>();
        for (Work work : batch) {
            if (work instanceof Pending pending) {
                records.add(pending);
            } else if (work instanceof NewKeys keys) {
                newKeys.add(keys);
            }
        }
        List<ScopeRows.KeyRow> keyRows = newKeys.stream().flatMap(keys -> keys.rows().stream()).toList();
        try {
            List<ScopeRows.KeyRow> insertedRows = new ArrayList<>();
            long first = append(log, records, keyRows, writeAhead, insertedRows);
            // By row, not by scope: of two callers' keys for one scope only the one inserted is theirs to use.
            Set<ScopeRows.KeyRow> inserted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            inserted.addAll(insertedRows);
            for (int i = 0; i < records.size(); i++) {
                records.get(i).leaf().complete(first + i);
            }
            for (NewKeys keys : newKeys) {
                keys.inserted().complete(keys.rows().stream().filter(inserted::contains).map(ScopeRows.KeyRow::scope)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(work -> work.fail(e));
            resynchronise();
        }
    }

    /**
     * Appends the batch's leaves and index rows in one transaction; with a write-ahead log, the batch's frame is
     * forced there last, so the transaction commits only what the log holds (a frame whose commit then fails is
     * superseded by the next frame for the same leaves, see {@link #replay}).
     */
    private static long append(MerkleLog log, List<Pending> batch, List<ScopeRows.KeyRow> keys, Optional<WriteAheadLog> writeAhead,
                               List<ScopeRows.KeyRow> insertedKeys) {
        List<Hash> hashes = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            hashes.add(pending.entryHash());
        }
        JdbcLeafStore.WithinAppend rows = (connection, firstIndex) -> {
            insertKeys(connection, keys, insertedKeys);
            insertRows(connection, firstIndex, batch);
        };
        if (writeAhead.isEmpty()) {
            return log.appendAll(hashes, rows);
        }
        return log.appendAll(hashes, (JdbcLeafStore.LoggedAppend) (connection, firstIndex) -> {
            rows.run(connection, firstIndex);
            try {
                writeAhead.get().append(new WriteAheadLog.Frame(firstIndex, batch.stream().map(pending ->
                    new WriteAheadLog.LoggedRecord(pending.canonical(), pending.mailName(), pending.content(), pending.terms())).toList(),
                    // Only the keys that went in: the one logged last for a scope is then the one its blobs are sealed with.
                    List.copyOf(insertedKeys)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("journal write-ahead log could not be written", e);
            }
        });
    }

    private static void insertKeys(java.sql.Connection connection, java.util.Collection<ScopeRows.KeyRow> keys, List<ScopeRows.KeyRow> inserted)
        throws java.sql.SQLException {
        for (ScopeRows.KeyRow key : keys) {
            if (ScopeRows.insertKeyIfAbsent(connection, key)) {
                inserted.add(key);
            }
        }
    }

    private static void insertRows(java.sql.Connection connection, long firstIndex, List<Pending> batch) throws java.sql.SQLException {
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            IndexRows.insert(connection, firstIndex + i, pending.record(), pending.canonical(), pending.entryHash(),
                pending.mailName(), pending.content());
        }
        IndexRows.replaceTerms(connection, batch.stream().filter(pending -> pending.terms().isPresent())
            .map(pending -> java.util.Map.entry(pending.record().messageKey(), pending.terms().get())).toList());
    }

    /**
     * JRN-2 after a crash: applies the logged batches the database does not have, in order, then forces the database
     * to disk and empties the log. Of two frames with records for the same first leaf the later wins (the earlier one's
     * commit failed). Content keys are applied first, each unless its scope has one: a frame logs only the keys its
     * transaction inserted, so of two logged for one scope the earlier one's commit failed (nothing was sealed with
     * it) and the later wins. Returns how many records were applied; throws if the log and the database do not fit together. Runs at
     * start, and on the writer thread when the database is found behind the log while running.
     */
    static int replay(MerkleLog log, WriteAheadLog writeAhead) {
        java.util.Map<Long, WriteAheadLog.Frame> byFirstLeaf = new java.util.TreeMap<>();
        java.util.Map<KeyScope, ScopeRows.KeyRow> latestKeys = new java.util.LinkedHashMap<>();
        for (WriteAheadLog.Frame frame : writeAhead.read()) {
            for (ScopeRows.KeyRow key : frame.keys()) {
                latestKeys.remove(key.scope());
                latestKeys.put(key.scope(), key);
            }
            if (!frame.records().isEmpty()) {
                byFirstLeaf.put(frame.firstLeaf(), frame);
            }
        }
        if (!latestKeys.isEmpty()) {
            // Before the records, whose receipt releases destroy keys. A key already there (live or destroyed) stays.
            log.appendAll(List.of(), (JdbcLeafStore.LoggedAppend) (connection, firstIndex) ->
                insertKeys(connection, latestKeys.values(), new ArrayList<>()));
        }
        int applied = 0;
        for (WriteAheadLog.Frame frame : byFirstLeaf.values()) {
            long size = log.size();
            if (frame.firstLeaf() + frame.records().size() <= size) {
                continue;
            }
            if (frame.firstLeaf() != size) {
                throw new IllegalStateException("journal write-ahead log " + writeAhead.file() + " holds leaves from " + frame.firstLeaf()
                    + " but the journal database ends at leaf " + size + "; the two do not belong together (restored from different times?)");
            }
            List<Pending> batch = frame.records().stream().map(GroupCommitter::pending).toList();
            log.appendAll(batch.stream().map(Pending::entryHash).toList(),
                (JdbcLeafStore.LoggedAppend) (connection, firstIndex) -> insertRows(connection, firstIndex, batch));
            applied += batch.size();
        }
        try {
            ((JdbcLeafStore) log.store()).checkpoint();
            writeAhead.reset();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("journal write-ahead log " + writeAhead.file() + " could not be emptied after it was applied", e);
        }
        return applied;
    }

    private static Pending pending(WriteAheadLog.LoggedRecord logged) {
        return new Pending(CanonicalJson.parse(logged.canonical()), logged.canonical(), CanonicalJson.entryHash(logged.canonical()),
            logged.mailName(), logged.content(), logged.terms(), new CompletableFuture<>());
    }

    /**
     * A commit whose acknowledgement was lost (the database went away after committing) leaves the log in memory
     * behind the store; reopening it from the store lets the next batch append where the store really ends.
     */
    private void resynchronise() {
        try {
            if (log.store().size() != log.size()) {
                MerkleLog reopened = MerkleLog.open(log.store());
                if (writeAhead.isPresent()) {
                    // Behind the log in memory: the database lost commits that the write-ahead log holds.
                    catchUp(reopened);
                } else {
                    log = reopened;
                }
            }
        } catch (RuntimeException stillDown) {
            // The store is still unreachable; the next batch tries again.
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeAhead.ifPresent(WriteAheadLog::close);
    }
}
