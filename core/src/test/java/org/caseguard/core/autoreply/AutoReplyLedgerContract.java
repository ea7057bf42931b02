package org.caseguard.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caseguard.core.registry.RegistryStore;
import org.junit.jupiter.api.Test;

/** The RFC 3834 ledger as every backend must keep it; run against H2 and a real PostgreSQL. */
abstract class AutoReplyLedgerContract {
    private static final Instant T0 = Instant.parse("2026-11-23T18:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    abstract RegistryStore store();

    abstract List<String> storedAddressHashes() throws Exception;

    @Test
    void oneReplyPerAddressAndKindPerPeriod() {
        AutoReplyLedger ledger = store().autoReplies();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0, DAY)).isTrue();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0.plusSeconds(60), DAY)).isFalse();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0.plus(DAY).minusMillis(1), DAY)).isFalse();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0.plus(DAY), DAY)).isTrue();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0.plus(DAY).plusSeconds(1), DAY)).isFalse();
    }

    @Test
    void kindsAndAddressesAreCountedSeparatelyButCaseVariantsOfOneAddressAreNot() {
        AutoReplyLedger ledger = store().autoReplies();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6", T0, DAY)).isTrue();
        assertThat(ledger.tryRecord("maria@mail.test", "CN-6-crisis", T0, DAY)).isTrue();
        assertThat(ledger.tryRecord("jonah@mail.test", "CN-6", T0, DAY)).isTrue();
        assertThat(ledger.tryRecord("Maria@Mail.TEST", "CN-6", T0, DAY)).isFalse();
    }

    @Test
    void aRefusedAttemptDoesNotExtendThePeriod() {
        AutoReplyLedger ledger = store().autoReplies();
        assertThat(ledger.tryRecord("maria@mail.test", "OPS-2-ack", T0, DAY)).isTrue();
        assertThat(ledger.tryRecord("maria@mail.test", "OPS-2-ack", T0.plus(Duration.ofHours(23)), DAY)).isFalse();
        assertThat(ledger.tryRecord("maria@mail.test", "OPS-2-ack", T0.plus(Duration.ofHours(24)), DAY)).isTrue();
    }

    @Test
    void onlyAHashOfTheAddressIsStored() throws Exception {
        store().autoReplies().tryRecord("Maria@Mail.test", "CN-6", T0, DAY);
        assertThat(storedAddressHashes()).containsExactly(JdbcAutoReplyLedger.addressHash("maria@mail.test"));
        assertThat(storedAddressHashes().get(0)).matches("[0-9a-f]{64}").doesNotContain("maria");
    }

    @Test
    void concurrentAttemptsFromSeveralThreadsYieldExactlyOneReply() throws Exception {
        concurrentAttempts("first@mail.test");
        // and again once a row exists and has aged: the conditional update must also let only one through
        store().autoReplies().tryRecord("aged@mail.test", "CN-6", T0.minus(Duration.ofDays(2)), DAY);
        concurrentAttempts("aged@mail.test");
    }

    private void concurrentAttempts(String address) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                Instant now = T0.plus(DAY.multipliedBy(round));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        return store().autoReplies().tryRecord(address, "CN-6", now, DAY);
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int granted = 0;
                for (Future<Boolean> result : results) {
                    if (result.get()) {
                        granted++;
                    }
                }
                assertThat(granted).as("replies granted in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ledgerWritesDoNotBumpTheRegistryVersion() {
        long version = store().version();
        store().autoReplies().tryRecord("maria@mail.test", "CN-6", T0, DAY);
        assertThat(store().version()).isEqualTo(version);
    }
}
