package org.caseguard.journal.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.caseguard.journal.Hash;
import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.MerkleLog;
import org.caseguard.journal.content.ContentRef;
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

    /** {@code terms}: the message's full-text terms (keyed hashes) to index in place of any it had; empty leaves them. */
    record Pending(JournalRecord record, byte[] canonical, Hash entryHash, java.util.Optional<String> mailName,
                   List<ContentRef> content, java.util.Optional<List<byte[]>> terms, CompletableFuture<Long> leaf) {
    }

    private volatile MerkleLog log;
    private final Optional<WriteAheadLog> writeAhead;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
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
        if (!open) {
            pending.leaf().completeExceptionally(new IllegalStateException("journal closed"));
            return pending.leaf();
        }
        if (broken != null) {
            pending.leaf().completeExceptionally(broken);
            return pending.leaf();
        }
        queue.add(pending);
        return pending.leaf();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
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
        Pending left;
        while ((left = queue.poll()) != null) {
            left.leaf().completeExceptionally(new IllegalStateException("journal closed"));
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

    private void commit(List<Pending> batch) {
        if (broken != null) {
            batch.forEach(pending -> pending.leaf().completeExceptionally(broken));
            return;
        }
        try {
            long first = append(log, batch, writeAhead);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).leaf().complete(first + i);
            }
        } catch (RuntimeException | Error e) {
            for (Pending pending : batch) {
                pending.leaf().completeExceptionally(e);
            }
            resynchronise();
        }
    }

    /**
     * Appends the batch's leaves and index rows in one transaction; with a write-ahead log, the batch's frame is
     * forced there last, so the transaction commits only what the log holds (a frame whose commit then fails is
     * superseded by the next frame for the same leaves, see {@link #replay}).
     */
    private static long append(MerkleLog log, List<Pending> batch, Optional<WriteAheadLog> writeAhead) {
        List<Hash> hashes = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            hashes.add(pending.entryHash());
        }
        JdbcLeafStore.WithinAppend rows = (connection, firstIndex) -> insertRows(connection, firstIndex, batch);
        if (writeAhead.isEmpty()) {
            return log.appendAll(hashes, rows);
        }
        return log.appendAll(hashes, (JdbcLeafStore.LoggedAppend) (connection, firstIndex) -> {
            rows.run(connection, firstIndex);
            try {
                writeAhead.get().append(new WriteAheadLog.Frame(firstIndex, batch.stream().map(pending ->
                    new WriteAheadLog.LoggedRecord(pending.canonical(), pending.mailName(), pending.content(), pending.terms())).toList()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("journal write-ahead log could not be written", e);
            }
        });
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
     * to disk and empties the log. Of two frames for the same first leaf the later wins (the earlier one's commit
     * failed). Returns how many records were applied; throws if the log and the database do not fit together. Runs at
     * start, and on the writer thread when the database is found behind the log while running.
     */
    static int replay(MerkleLog log, WriteAheadLog writeAhead) {
        java.util.Map<Long, WriteAheadLog.Frame> byFirstLeaf = new java.util.TreeMap<>();
        for (WriteAheadLog.Frame frame : writeAhead.read()) {
            byFirstLeaf.put(frame.firstLeaf(), frame);
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
