package org.caseguard.journal.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.KeyScope;

/**
 * Message keys whose receipt scope already has its content key, created {@value #BATCH} at a time in one forced
 * commit. The next batch is made in the background once half of one is used, so a caller waits for that commit only
 * when the keys run out (at start, or when the background falls behind); with every caller waiting on each batch, the
 * append bench spent a fifth of its callers' time here. Keys left unused by a restart or a disposal run have no
 * content, and the next disposal run's sweep destroys them.
 */
final class ReceiptKeys implements AutoCloseable {
    static final int BATCH = 256;
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(ReceiptKeys.class);

    private final ContentStore content;
    private final Supplier<String> newKey;
    /** Held shared while a batch is created and added: a disposal run (exclusive) never sweeps keys on their way in. */
    private final Lock notDisposing;
    private final ArrayDeque<String> keys = new ArrayDeque<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "caseguard-journal-receipt-keys");
        thread.setDaemon(true);
        return thread;
    });
    private boolean refilling;

    ReceiptKeys(ContentStore content, Supplier<String> newKey, Lock notDisposing) {
        this.content = content;
        this.newKey = newKey;
        this.notDisposing = notDisposing;
    }

    /** The next key; creates a batch now if none is left (the caller holds the disposal lock shared). */
    String next() {
        synchronized (keys) {
            if (keys.isEmpty()) {
                keys.addAll(create());
            }
            String key = keys.poll();
            if (keys.size() < BATCH / 2 && !refilling) {
                refilling = true;
                background.execute(this::refill);
            }
            return key;
        }
    }

    /** Drops the keys not yet handed out: the disposal run about to sweep (holding the lock exclusively) destroys them. */
    void discard() {
        synchronized (keys) {
            keys.clear();
        }
    }

    private void refill() {
        notDisposing.lock();
        try {
            List<String> created = create();
            synchronized (keys) {
                keys.addAll(created);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("caseguard journal: receipt keys not created in the background, the next caller creates them rule=JRN-7 ({})", e.getClass().getSimpleName());
        } finally {
            synchronized (keys) {
                refilling = false;
            }
            notDisposing.unlock();
        }
    }

    private List<String> create() {
        List<String> batch = Stream.generate(newKey).limit(BATCH).toList();
        try {
            content.prepareScopes(batch.stream().map(KeyScope::forMessage).toList());
        } catch (RuntimeException e) {
            throw new JournalUnavailableException("journal: receipt keys could not be created", e);
        }
        return batch;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
