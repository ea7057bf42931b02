package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;
import org.junit.jupiter.api.Test;

class RegistryReloadTest {

    @Test
    void newRegistryVersionIsPickedUpOnTheNextClassificationAndOnlyThen() {
        AtomicReference<RegistrySnapshot> store = new AtomicReference<>(Fixtures.registry(1));
        AtomicInteger builds = new AtomicInteger();
        DefaultMessageClassifier classifier = new DefaultMessageClassifier(ClassifierConfig.defaults(),
            () -> {
                builds.incrementAndGet();
                return store.get();
            }, () -> store.get().version());
        ExtractedText text = ExtractedText.of("", "Talked to Ava Brown about 2024-CW-00001");
        assertThat(classifier.classify(text).clientIds()).isEmpty();
        assertThat(classifier.classify(text).clientIds()).isEmpty();
        assertThat(builds).hasValue(1);

        Client ava = new Client("c-ava", "Ava", "Brown", Optional.empty(), List.of());
        store.set(Fixtures.snapshot(2, List.of(ava), List.of(new CaseRecord("2024-CW-00001", CaseStatus.OPEN, false,
            List.of("c-ava")))));
        Classification after = classifier.classify(text);
        assertThat(after.clientIds()).containsExactly("c-ava");
        assertThat(after.caseNumbers()).containsExactly("2024-CW-00001");
        assertThat(builds).hasValue(2);
    }

    @Test
    void otherThreadsKeepClassifyingWithThePreviousIndexWhileOneRebuilds() throws Exception {
        AtomicLong version = new AtomicLong(1);
        CountDownLatch rebuildStarted = new CountDownLatch(1);
        CountDownLatch releaseRebuild = new CountDownLatch(1);
        DefaultMessageClassifier classifier = new DefaultMessageClassifier(ClassifierConfig.defaults(), () -> {
            long v = version.get();
            if (v == 2) {
                rebuildStarted.countDown();
                try {
                    releaseRebuild.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Fixtures.snapshot(v, List.of(Fixtures.MARIA), List.of());
        }, version::get);
        ExtractedText text = ExtractedText.of("", "Maria Lopez");
        assertThat(classifier.classify(text).clientIds()).containsExactly("c-maria");

        version.set(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Classification> rebuilding = pool.submit(() -> classifier.classify(text));
            assertThat(rebuildStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<Classification>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(pool.submit(() -> classifier.classify(text)));
            }
            for (Future<Classification> other : others.subList(0, 1)) {
                assertThat(other.get(2, TimeUnit.SECONDS).clientIds()).containsExactly("c-maria");
            }
            releaseRebuild.countDown();
            assertThat(rebuilding.get(5, TimeUnit.SECONDS).clientIds()).containsExactly("c-maria");
            assertThat(classifier.currentIndex().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void buildingTheIndexFor100000ClientsTakesSeconds() {
        RegistrySnapshot big = GeneratedRegistry.snapshot(100_000);
        DefaultMessageClassifier classifier = DefaultMessageClassifier.forSnapshot(ClassifierConfig.defaults(), big);
        long started = System.nanoTime();
        RegistryIndex index = classifier.currentIndex();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).isLessThan(15_000);
        Client someone = big.clients().get("c-77777");
        Classification result = classifier.classify(ExtractedText.of("", "note: " + someone.fullName() + " called"));
        assertThat(result.clientIds()).contains("c-77777");
        assertThat(index.clientCount()).isEqualTo(100_000);
        assertThat(someone.dateOfBirth()).get().isInstanceOf(LocalDate.class);
    }
}
