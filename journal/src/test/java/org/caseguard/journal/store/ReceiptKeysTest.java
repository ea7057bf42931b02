package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.MemoryContentStore;
import org.junit.jupiter.api.Test;

/** Receipt keys: made a batch at a time, the next batch in the background, never while a disposal run sweeps. */
class ReceiptKeysTest {
    private final AtomicInteger batchesCreated = new AtomicInteger();
    private final ContentStore counting = countingBatches(new MemoryContentStore());

    @Test
    void theNextBatchIsMadeInTheBackgroundOnceHalfOfOneIsUsed() throws Exception {
        ReentrantReadWriteLock disposal = new ReentrantReadWriteLock();
        try (ReceiptKeys keys = new ReceiptKeys(counting, Journal::newKey, disposal.readLock())) {
            Set<String> handedOut = new HashSet<>();
            for (int i = 0; i <= ReceiptKeys.BATCH / 2; i++) {
                handedOut.add(keys.next());
            }
            awaitBatches(2);
            for (int i = 0; i < ReceiptKeys.BATCH; i++) {
                handedOut.add(keys.next());
            }
            assertThat(handedOut).as("every key handed out once").hasSize(ReceiptKeys.BATCH + ReceiptKeys.BATCH / 2 + 1);
            awaitBatches(3);
            assertThat(batchesCreated.get()).as("one caller waited for a batch: the first").isEqualTo(3);
        }
    }

    @Test
    void aBatchIsNotAddedWhileADisposalRunHoldsTheLockAndDiscardedKeysAreNotHandedOut() throws Exception {
        ReentrantReadWriteLock disposal = new ReentrantReadWriteLock();
        try (ReceiptKeys keys = new ReceiptKeys(counting, Journal::newKey, disposal.readLock())) {
            disposal.writeLock().lock();
            Set<String> beforeDiscard = new HashSet<>();
            try {
                for (int i = 0; i <= ReceiptKeys.BATCH / 2; i++) {
                    beforeDiscard.add(keys.next());
                }
                Thread.sleep(300);
                assertThat(batchesCreated.get()).as("the background batch waits for the run").isEqualTo(1);
                keys.discard();
            } finally {
                disposal.writeLock().unlock();
            }
            awaitBatches(2);
            String after = keys.next();
            assertThat(beforeDiscard).doesNotContain(after);
            assertThat(batchesCreated.get()).as("the key came from the batch made after the run").isEqualTo(2);
        }
    }

    private void awaitBatches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batchesCreated.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(batchesCreated.get()).isGreaterThanOrEqualTo(count);
    }

    private ContentStore countingBatches(ContentStore store) {
        return (ContentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ContentStore.class}, (proxy, method, arguments) -> {
            if (method.getName().equals("prepareScopes")) {
                batchesCreated.incrementAndGet();
            }
            try {
                return method.invoke(store, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
