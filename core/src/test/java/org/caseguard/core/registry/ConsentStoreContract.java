package org.caseguard.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.caseguard.core.consent.ConsentChange;
import org.caseguard.core.consent.ConsentSamples;
import org.caseguard.core.consent.ConsentForm;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the consent registry on every backend (H2 and a real PostgreSQL): history that reproduces the
 * state at any past instant, field-level changes with who and when, all-or-nothing batches, the shared version.
 */
abstract class ConsentStoreContract {
    static final Instant START = Instant.parse("2025-02-01T09:00:00Z");

    /** The registry the consent store shares its database with. */
    abstract RegistryStore registry();

    /** The consent store under test, on {@link #clock()}. */
    abstract ConsentStore consents();

    abstract TestClock clock();

    /** Opens a fresh, migrated database on {@link #clock()}. */
    abstract void open() throws Exception;

    @BeforeEach
    void openAndRegisterClients() throws Exception {
        open();
        registry().upsertClient(new Client("C-1", "Maria", "Lopez", Optional.empty(), List.of()));
        registry().upsertClient(new Client("C-2", "Teo", "Lopez", Optional.empty(), List.of()));
    }

    @Test
    void putFindAllAndDelete() {
        ConsentRecord maria = ConsentSamples.adult("C-1");
        ConsentRecord teo = ConsentSamples.minor("C-2");
        consents().put(maria, "admin-a");
        consents().put(teo, "admin-a");
        assertThat(consents().find("C-1")).contains(maria);
        assertThat(consents().find("C-2")).contains(teo);
        assertThat(consents().all()).containsExactly(maria, teo);

        assertThat(consents().delete("C-1", "admin-b")).isTrue();
        assertThat(consents().find("C-1")).isEmpty();
        assertThat(consents().all()).containsExactly(teo);
        assertThat(consents().delete("C-1", "admin-b")).isFalse();
        assertThat(consents().find("C-404")).isEmpty();
    }

    @Test
    void everyWriteBumpsTheSharedRegistryVersion() {
        long start = registry().version();
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        assertThat(registry().version()).isEqualTo(start + 1);
        assertThat(consents().version()).isEqualTo(registry().version());
        consents().putAll(List.of(ConsentSamples.adult("C-1"), ConsentSamples.minor("C-2")), "admin-a");
        consents().delete("C-2", "admin-a");
        consents().find("C-1");
        consents().history("C-1");
        assertThat(registry().version()).isEqualTo(start + 3);
        assertThat(registry().consents().version()).isEqualTo(registry().version());
    }

    @Test
    void registryHandsOutOneConsentStoreOnTheSameDatabase() {
        assertThat(registry().consents()).isSameAs(registry().consents());
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        assertThat(registry().consents().find("C-1")).contains(ConsentSamples.adult("C-1"));
    }

    @Test
    void historyNamesWhoWhenFieldOldAndNew() {
        Instant created = clock().instant();
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        Instant edited = clock().advance(Duration.ofHours(2));
        consents().put(ConsentSamples.withConsentedAddress(ConsentSamples.adult("C-1"), "maria.new@mail.test"), "admin-b");
        Instant deleted = clock().advance(Duration.ofDays(1));
        consents().delete("C-1", "admin-c");

        List<ConsentChange> history = consents().history("C-1");
        assertThat(history).filteredOn(change -> change.at().equals(created))
            .allMatch(change -> change.changedBy().equals("admin-a") && change.oldValue().isEmpty())
            .extracting(ConsentChange::field)
            .contains("preferredContact", "programApproval.approvedOn", "form.expiresOn", "consentedAddress", "minor",
                "permittedPurposes", "knownAddresses", "worker")
            .doesNotContain("clientId", "form.revokedOn");
        assertThat(history).filteredOn(change -> change.field().equals("form.expiresOn") && change.at().equals(created))
            .singleElement().extracting(ConsentChange::newValue).isEqualTo(Optional.of("2026-01-09"));
        assertThat(history).filteredOn(change -> change.field().equals("permittedPurposes") && change.at().equals(created))
            .singleElement().extracting(ConsentChange::newValue).isEqualTo(Optional.of("[\"scheduling\",\"appointment-reminder\"]"));

        assertThat(history).filteredOn(change -> change.at().equals(edited)).containsExactly(
            new ConsentChange("C-1", edited, "admin-b", "consentedAddress", Optional.of("Maria.Lopez@mail.test"),
                Optional.of("maria.new@mail.test")));

        assertThat(history).filteredOn(change -> change.at().equals(deleted))
            .allMatch(change -> change.changedBy().equals("admin-c") && change.newValue().isEmpty() && change.oldValue().isPresent())
            .extracting(ConsentChange::field).contains("consentedAddress", "form.formId");
        assertThat(history).extracting(ConsentChange::at).isSorted();
        assertThat(consents().history("C-2")).isEmpty();
    }

    @Test
    void anUnchangedPutAddsNoHistory() {
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        int changes = consents().history("C-1").size();
        clock().advance(Duration.ofMinutes(5));
        consents().put(ConsentSamples.adult("C-1"), "admin-b");
        assertThat(consents().history("C-1")).hasSize(changes);
        assertThat(consents().findAsOf("C-1", START)).contains(ConsentSamples.adult("C-1"));
    }

    @Test
    void stateAtAPastInstantIsReproducibleAfterLaterEditsRevocationAndDeletion() {
        ConsentRecord original = ConsentSamples.adult("C-1");
        Instant beforeAnything = clock().instant().minusSeconds(1);
        Instant created = clock().instant();
        consents().put(original, "admin-a");
        consents().put(ConsentSamples.minor("C-2"), "admin-a");

        Instant edited = clock().advance(Duration.ofDays(3));
        ConsentRecord moved = ConsentSamples.withConsentedAddress(original, "maria.new@mail.test");
        consents().put(moved, "admin-b");

        Instant revoked = clock().advance(Duration.ofDays(3));
        ConsentForm form = ConsentSamples.signedForm();
        ConsentRecord revokedRecord = ConsentSamples.withForm(moved, new ConsentForm(form.formId(), form.signedByClient(),
            form.signedByWorker(), form.signedOn(), form.effectiveFrom(), form.expiresOn(), Optional.of(LocalDate.of(2025, 2, 7)),
            Optional.of("Pat Worker")));
        consents().put(revokedRecord, "admin-b");

        Instant deleted = clock().advance(Duration.ofDays(3));
        consents().delete("C-1", "admin-c");

        assertThat(consents().findAsOf("C-1", beforeAnything)).isEmpty();
        assertThat(consents().findAsOf("C-1", created)).contains(original);
        assertThat(consents().findAsOf("C-1", edited.minusNanos(1000))).contains(original);
        assertThat(consents().findAsOf("C-1", edited)).contains(moved);
        assertThat(consents().findAsOf("C-1", revoked.minusSeconds(60))).contains(moved);
        assertThat(consents().findAsOf("C-1", revoked)).contains(revokedRecord);
        assertThat(consents().findAsOf("C-1", deleted.minusSeconds(1))).contains(revokedRecord);
        assertThat(consents().findAsOf("C-1", deleted)).isEmpty();
        assertThat(consents().findAsOf("C-1", deleted.plus(Duration.ofDays(365)))).isEmpty();

        assertThat(consents().allAsOf(created)).containsExactly(original, ConsentSamples.minor("C-2"));
        assertThat(consents().allAsOf(edited.plusSeconds(1))).containsExactly(moved, ConsentSamples.minor("C-2"));
        assertThat(consents().allAsOf(deleted)).containsExactly(ConsentSamples.minor("C-2"));

        // A new record after the deletion starts a new interval; the past stays as it was.
        Instant recreated = clock().advance(Duration.ofDays(1));
        consents().put(original, "admin-d");
        assertThat(consents().findAsOf("C-1", recreated)).contains(original);
        assertThat(consents().findAsOf("C-1", deleted)).isEmpty();
        assertThat(consents().findAsOf("C-1", revoked)).contains(revokedRecord);
    }

    @Test
    void aClockThatStepsBackNeverOverlapsIntervals() {
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        clock().set(START.minus(Duration.ofHours(1)));
        ConsentRecord moved = ConsentSamples.withConsentedAddress(ConsentSamples.adult("C-1"), "maria.new@mail.test");
        consents().put(moved, "admin-b");
        assertThat(consents().find("C-1")).contains(moved);
        assertThat(consents().findAsOf("C-1", START)).contains(moved);
        assertThat(consents().history("C-1")).extracting(ConsentChange::at).allMatch(at -> !at.isBefore(START));
    }

    @Test
    void putAllIsAllOrNothing() {
        long before = registry().version();
        List<ConsentRecord> batch = List.of(ConsentSamples.adult("C-1"), ConsentSamples.minor("C-2"), ConsentSamples.adult("C-404"));
        assertThatThrownBy(() -> consents().putAll(batch, "importer"))
            .isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("\"clientId\": unknown client \"C-404\"");
        assertThat(consents().all()).isEmpty();
        assertThat(consents().history("C-1")).isEmpty();
        assertThat(registry().version()).isEqualTo(before);

        consents().putAll(List.of(ConsentSamples.adult("C-1"), ConsentSamples.minor("C-2")), "importer");
        assertThat(consents().all()).hasSize(2);
        assertThat(consents().history("C-2")).allMatch(change -> change.changedBy().equals("importer"));
    }

    @Test
    void aClientTwiceInOneBatchIsRefused() {
        assertThatThrownBy(() -> consents().putAll(List.of(ConsentSamples.adult("C-1"), ConsentSamples.adult("C-1")), "importer"))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("\"clientId\"");
        assertThat(consents().all()).isEmpty();
    }

    @Test
    void unknownClientIsRejectedNamingTheField() {
        long before = registry().version();
        assertThatThrownBy(() -> consents().put(ConsentSamples.adult("C-404"), "admin-a"))
            .isInstanceOf(InvalidRecordException.class)
            .satisfies(e -> assertThat(((InvalidRecordException) e).field()).isEqualTo("clientId"));
        assertThat(consents().find("C-404")).isEmpty();
        assertThat(registry().version()).isEqualTo(before);
    }

    @Test
    void aChangeNeedsSomeoneToAttributeItTo() {
        assertThatThrownBy(() -> consents().put(ConsentSamples.adult("C-1"), " "))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("\"changedBy\"");
        assertThat(consents().find("C-1")).isEmpty();
    }

    @Test
    void theHistoryOutlivesTheClientRow() {
        consents().put(ConsentSamples.adult("C-1"), "admin-a");
        Instant stored = clock().instant();
        clock().advance(Duration.ofDays(1));
        registry().deleteClient("C-1");
        assertThat(consents().findAsOf("C-1", stored)).contains(ConsentSamples.adult("C-1"));
        assertThat(consents().history("C-1")).isNotEmpty();
    }

    @Test
    void jsonLinesImportStoresEverythingAttributedToTheImporter() {
        String lines = org.caseguard.core.consent.ConsentJson.write(ConsentSamples.adult("C-1")) + "\n\n"
            + org.caseguard.core.consent.ConsentJson.write(ConsentSamples.minor("C-2")) + "\n";
        long before = registry().version();
        ConsentBulkImport.Result result = new ConsentBulkImport(registry()).importJsonLines(lines, "sync-job");
        assertThat(result.errors()).isEmpty();
        assertThat(result.counts()).containsEntry("consents", 2);
        assertThat(registry().consents().all()).containsExactly(ConsentSamples.adult("C-1"), ConsentSamples.minor("C-2"));
        assertThat(registry().consents().history("C-2")).isNotEmpty().allMatch(change -> change.changedBy().equals("sync-job"));
        assertThat(registry().version()).isEqualTo(before + 1);
    }

    @Test
    void jsonLinesImportWithAnyErrorWritesNothingAndNamesLineAndField() {
        String lines = "{\"clientId\":\"C-1\",\"consentedAddress\":\"maria@mail.test\"}\n"
            + "{\"clientId\":\"C-2\",\"form\":{\"formId\":\"F\",\"signedOn\":\"2025-01-10\",\"effectiveFrom\":\"2025-01-10\",\"expiresOn\":\"2024-01-01\"}}\n"
            + "not json\n"
            + "{\"clientId\":\"C-404\"}\n"
            + "{\"clientId\":\"C-1\"}\n"
            + "{\"clientId\":\"C-3\",\"permittedPurposes\":[\"marketing\"]}\n";
        long before = registry().version();
        ConsentBulkImport.Result result = new ConsentBulkImport(registry()).importJsonLines(lines, "sync-job");
        assertThat(result.errors()).containsExactly(
            "line 2: \"form.expiresOn\": must not be before form.effectiveFrom (2025-01-10), got 2024-01-01",
            "line 3: not a JSON object",
            "line 4: \"clientId\": unknown client \"C-404\": register the client first",
            "line 5: \"clientId\": client \"C-1\" is already on line 1",
            "line 6: \"permittedPurposes\": each must be one of scheduling, appointment-reminder, treatment-instruction-reminder,"
                + " factual-information, got \"marketing\"");
        assertThat(registry().consents().all()).isEmpty();
        assertThat(registry().version()).isEqualTo(before);
    }

    @Test
    void csvImportWithDottedColumnsListsAndBooleans() {
        String csv = "clientId,preferredContact,form.formId,form.signedByClient,form.signedByWorker,form.signedOn,form.effectiveFrom,"
            + "consentedAddress,minor,consentGivenBy,responsibleAdult.name,responsibleAdult.relationship,responsibleAdult.address,"
            + "permittedPurposes,knownAddresses\n"
            + "C-1,email,MH-708,yes,Pat Worker,2025-01-10,2025-01-10,maria@mail.test,no,client,,,,scheduling;appointment-reminder,m2@mail.test\n"
            + "C-2,email,MH-708,true,Pat Worker,2025-01-10,2025-01-10,,true,responsible-adult,\"Lopez, Ana\",mother,ana@mail.test,scheduling,\n";
        ConsentBulkImport.Result result = new ConsentBulkImport(registry()).importCsv(csv, "sync-job");
        assertThat(result.errors()).isEmpty();
        ConsentRecord maria = registry().consents().find("C-1").orElseThrow();
        assertThat(maria.form().orElseThrow().signedByClient()).isTrue();
        assertThat(maria.permittedPurposes()).hasSize(2);
        assertThat(maria.knownAddresses()).containsExactly("m2@mail.test");
        assertThat(registry().consents().find("C-2").orElseThrow().responsibleAdult().orElseThrow().name()).isEqualTo("Lopez, Ana");

        String bad = "clientId,minor,consentGivenBy\nC-1,maybe,client\nC-2,false,responsible-adult\n";
        assertThat(new ConsentBulkImport(registry()).importCsv(bad, "sync-job").errors()).containsExactly(
            "line 2: \"minor\": must be true or false, got a string",
            "line 3: \"responsibleAdult\": is required when consentGivenBy is responsible-adult (name, relationship and address, CN-3)");
        assertThat(new ConsentBulkImport(registry()).importCsv("clientId,nickname\nC-1,x\n", "sync-job").errors())
            .singleElement().asString().startsWith("line 1: \"nickname\" is not a known column");
        assertThat(registry().consents().find("C-1")).contains(maria);
    }

    @Test
    void concurrentWritersOfOneClientLeaveOneUnbrokenTimeline() throws Exception {
        clock().ticking(Duration.ofMillis(1));
        int threads = 4;
        int writesEach = 10;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        consents().put(ConsentSamples.withConsentedAddress(ConsentSamples.adult("C-1"), "w" + thread + "-" + i + "@mail.test"),
                            "writer-" + thread);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        List<ConsentChange> addressChanges = consents().history("C-1").stream()
            .filter(change -> change.field().equals("consentedAddress")).toList();
        assertThat(addressChanges).hasSize(threads * writesEach);
        assertThat(addressChanges).extracting(ConsentChange::at).doesNotHaveDuplicates().isSorted();
        for (int i = 0; i < addressChanges.size(); i++) {
            ConsentChange change = addressChanges.get(i);
            assertThat(consents().findAsOf("C-1", change.at()).flatMap(ConsentRecord::consentedAddress))
                .as("the state written at %s", change.at()).isEqualTo(change.newValue());
            assertThat(consents().allAsOf(change.at())).filteredOn(record -> record.clientId().equals("C-1")).hasSize(1);
            if (i > 0) {
                assertThat(change.oldValue()).as("each change starts from the one before").isEqualTo(addressChanges.get(i - 1).newValue());
            }
        }
        assertThat(consents().find("C-1").flatMap(ConsentRecord::consentedAddress)).isEqualTo(addressChanges.get(addressChanges.size() - 1).newValue());
    }

    @Test
    void twoThousandLineImportInOneTransaction() {
        List<Client> clients = java.util.stream.IntStream.range(0, 2000)
            .mapToObj(i -> new Client("K-" + i, "Given", "Family", Optional.empty(), List.of())).toList();
        registry().applyBatch(new RegistryBatch(List.of(), clients, List.of(), List.of(), List.of()));
        String lines = java.util.stream.IntStream.range(0, 2000)
            .mapToObj(i -> "{\"clientId\":\"K-" + i + "\",\"preferredContact\":\"email\",\"consentedAddress\":\"k" + i
                + "@mail.test\",\"permittedPurposes\":[\"scheduling\"]}")
            .collect(java.util.stream.Collectors.joining("\n"));
        long before = registry().version();
        long started = System.nanoTime();
        ConsentBulkImport.Result result = new ConsentBulkImport(registry()).importJsonLines(lines, "sync-job");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.errors()).isEmpty();
        assertThat(registry().consents().all()).hasSize(2000);
        assertThat(registry().version()).isEqualTo(before + 1);
        System.out.println("consent import of 2000 lines: " + millis + " ms on " + getClass().getSimpleName());
    }
}
