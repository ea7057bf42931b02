package org.caseguard.journal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.caseguard.journal.Hash;
import org.caseguard.journal.MerkleLog;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.entry.JournalRecord;

/**
 * One writer thread appends every record: the Merkle log has a single writer, and records that arrive while a
 * transaction commits go together in the next one, so concurrent callers share one commit (group commit) instead of
 * paying one each. A caller waits until its record is durable, or gets the failure of its batch.
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_BATCH = 512;

    /** {@code terms}: the message's full-text terms (keyed hashes) to index in place of any it had; empty leaves them. */
    record Pending(JournalRecord record, byte[] canonical, Hash entryHash, java.util.Optional<String> mailName,
                   List<ContentRef> content, java.util.Optional<List<byte[]>> terms, CompletableFuture<Long> leaf) {
    }

    private volatile MerkleLog log;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommitter(MerkleLog log) {
        this.log = log;
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
    }

    private void commit(List<Pending> batch) {
        List<Hash> hashes = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            hashes.add(pending.entryHash());
        }
        try {
            long first = log.appendAll(hashes, (connection, firstIndex) -> {
                for (int i = 0; i < batch.size(); i++) {
                    Pending pending = batch.get(i);
                    IndexRows.insert(connection, firstIndex + i, pending.record(), pending.canonical(), pending.entryHash(),
                        pending.mailName(), pending.content());
                }
                IndexRows.replaceTerms(connection, batch.stream().filter(pending -> pending.terms().isPresent())
                    .map(pending -> java.util.Map.entry(pending.record().messageKey(), pending.terms().get())).toList());
            });
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
     * A commit whose acknowledgement was lost (the database went away after committing) leaves the log in memory
     * behind the store; reopening it from the store lets the next batch append where the store really ends.
     */
    private void resynchronise() {
        try {
            if (log.store().size() != log.size()) {
                log = MerkleLog.open(log.store());
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
    }
}
