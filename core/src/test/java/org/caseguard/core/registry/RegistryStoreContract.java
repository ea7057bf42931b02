package org.caseguard.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The behaviour every registry backend must have; run against H2 and a real PostgreSQL. */
abstract class RegistryStoreContract {
    abstract RegistryStore store();

    private static Client maria() {
        return new Client("C-1", "Maria", "Lopez", Optional.of(LocalDate.of(2014, 3, 5)), List.of("MR-778812"));
    }

    @Test
    void internalDomainsAreNormalisedAndDeduplicated() {
        store().addInternalDomain("Agency.Example.");
        store().addInternalDomain("agency.example");
        store().addInternalDomain("bücher.example");
        assertThat(store().internalDomains()).containsExactly("agency.example", "xn--bcher-kva.example");
        assertThat(store().removeInternalDomain("AGENCY.example")).isTrue();
        assertThat(store().removeInternalDomain("agency.example")).isFalse();
    }

    @Test
    void everyWriteBumpsTheVersionAndReadsDoNot() {
        long start = store().version();
        store().addInternalDomain("agency.example");
        store().upsertClient(maria());
        store().upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, false, List.of("C-1")));
        long afterWrites = store().version();
        store().snapshot();
        store().clients();
        store().findCase("2024-CW-00123");
        assertThat(afterWrites).isEqualTo(start + 3);
        assertThat(store().version()).isEqualTo(afterWrites);
    }

    @Test
    void clientsAndCasesRoundTripAndUpsertReplaces() {
        store().upsertClient(maria());
        store().upsertClient(new Client("C-2", "Jonah", "Whitfield", Optional.empty(), List.of()));
        store().upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, true, List.of("C-1", "C-2")));
        assertThat(store().findClient("C-1")).contains(maria());
        assertThat(store().findCase("2024-CW-00123")).contains(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, true, List.of("C-1", "C-2")));

        store().upsertClient(new Client("C-1", "Maria", "Lopez-Garcia", Optional.empty(), List.of("X-1234")));
        store().upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.CLOSED, false, List.of("C-2")));
        assertThat(store().findClient("C-1").orElseThrow().familyName()).isEqualTo("Lopez-Garcia");
        assertThat(store().findClient("C-1").orElseThrow().identifiers()).containsExactly("X-1234");
        assertThat(store().findCase("2024-CW-00123").orElseThrow().clientIds()).containsExactly("C-2");
        assertThat(store().findCase("2024-CW-00123").orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void deletingAClientRemovesItFromItsCases() {
        store().upsertClient(maria());
        store().upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, false, List.of("C-1")));
        assertThat(store().deleteClient("C-1")).isTrue();
        assertThat(store().findCase("2024-CW-00123").orElseThrow().clientIds()).isEmpty();
        assertThat(store().deleteClient("C-1")).isFalse();
        assertThat(store().deleteCase("2024-CW-00123")).isTrue();
        assertThat(store().findCase("2024-CW-00123")).isEmpty();
    }

    @Test
    void allowListKeepsGlobalAndCaseScopedEntriesApart() {
        store().addAllowListEntry(new AllowListEntry("GAL@Law.Test", Optional.of("2024-CW-00123"), "appointed"));
        store().addAllowListEntry(new AllowListEntry("gal@law.test", Optional.empty(), "statewide GAL office"));
        store().addAllowListEntry(new AllowListEntry("@AAG.State.Test", Optional.empty(), "AAGs"));
        assertThat(store().allowList()).extracting(AllowListEntry::address).containsExactlyInAnyOrder("GAL@law.test", "gal@law.test", "@aag.state.test");
        assertThat(store().removeAllowListEntry("GAL@law.test", Optional.of("2024-CW-00123"))).isTrue();
        assertThat(store().removeAllowListEntry("gal@law.test", Optional.of("2024-CW-00123"))).isFalse();
    }

    @Test
    void anEncryptedOnlyAllowListEntryKeepsItsFlagAndAnUpdateCanLiftIt() {
        store().addAllowListEntry(new AllowListEntry("clerk@court.test", Optional.empty(), "court clerk", true));
        assertThat(store().allowList()).containsExactly(new AllowListEntry("clerk@court.test", Optional.empty(), "court clerk", true));
        assertThat(store().snapshot().allowList()).extracting(AllowListEntry::encryptedOnly).containsExactly(true);

        store().addAllowListEntry(new AllowListEntry("clerk@court.test", Optional.empty(), "court clerk, portal retired"));
        assertThat(store().allowList()).containsExactly(new AllowListEntry("clerk@court.test", Optional.empty(), "court clerk, portal retired", false));
    }

    @Test
    void partiesAreKeyedByAddressWithNormalisedDomain() {
        store().upsertParty(new ExternalParty("Parent@Mail.TEST", PartyCategory.BIRTH_PARENT, "Birth parent"));
        assertThat(store().findParty("Parent@mail.test")).contains(new ExternalParty("Parent@mail.test", PartyCategory.BIRTH_PARENT, "Birth parent"));
        store().upsertParty(new ExternalParty("Parent@mail.test", PartyCategory.FOSTER_PARENT, "now fostering"));
        assertThat(store().parties()).containsExactly(new ExternalParty("Parent@mail.test", PartyCategory.FOSTER_PARENT, "now fostering"));
        assertThat(store().deleteParty("Parent@MAIL.test")).isTrue();
    }

    @Test
    void snapshotHoldsEverythingAtOneVersion() {
        store().addInternalDomain("agency.example");
        store().upsertClient(maria());
        store().upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, false, List.of("C-1")));
        store().upsertParty(new ExternalParty("p@mail.test", PartyCategory.ATTORNEY, ""));
        RegistrySnapshot snapshot = store().snapshot();
        assertThat(snapshot.version()).isEqualTo(store().version());
        assertThat(snapshot.internalDomains()).containsExactly("agency.example");
        assertThat(snapshot.clients()).containsOnlyKeys("C-1");
        assertThat(snapshot.cases().get("2024-CW-00123").clientIds()).containsExactly("C-1");
        assertThat(snapshot.parties()).containsOnlyKeys("p@mail.test");
    }

    @Test
    void bulkImportWritesEverythingInOneGo() {
        String lines = IntStream.range(0, 2000)
            .mapToObj(i -> "{\"type\":\"client\",\"id\":\"C-" + i + "\",\"givenName\":\"Given" + i + "\",\"familyName\":\"Family" + i + "\"}")
            .collect(Collectors.joining("\n"))
            + "\n{\"type\":\"case\",\"number\":\"2024-CW-00001\",\"clients\":[\"C-0\",\"C-1\"]}"
            + "\n{\"type\":\"internal-domain\",\"domain\":\"agency.example\"}"
            + "\n{\"type\":\"allow\",\"address\":\"gal@law.test\",\"caseNumber\":\"2024-CW-00001\",\"reason\":\"GAL\"}"
            + "\n{\"type\":\"party\",\"address\":\"p@mail.test\",\"category\":\"provider\"}\n";
        long before = store().version();
        RegistryBulkImport.Result result = new RegistryBulkImport(store()).importJsonLines(lines);
        assertThat(result.errors()).isEmpty();
        assertThat(result.counts()).containsEntry("clients", 2000).containsEntry("cases", 1).containsEntry("allowList", 1);
        assertThat(store().clients()).hasSize(2000);
        assertThat(store().version()).isEqualTo(before + 1);
    }

    @Test
    void bulkImportWithAnyErrorWritesNothingAndNamesLineAndField() {
        String lines = "{\"type\":\"client\",\"id\":\"C-1\",\"givenName\":\"Maria\",\"familyName\":\"Lopez\"}\n"
            + "{\"type\":\"client\",\"id\":\"C-2\",\"givenName\":\"Jonah\",\"familyName\":\"W\",\"dateOfBirth\":\"20/11/2011\"}\n"
            + "not json\n"
            + "{\"type\":\"case\",\"number\":\"2024-CW-00001\",\"clients\":[\"C-404\"]}\n"
            + "{\"type\":\"party\",\"address\":\"p@mail.test\",\"category\":\"cousin\"}\n"
            + "{\"type\":\"allow\",\"address\":\"gal@law.test\",\"caseNumber\":\"NO-SUCH-CASE\"}\n";
        long before = store().version();
        RegistryBulkImport.Result result = new RegistryBulkImport(store()).importJsonLines(lines);
        assertThat(result.errors()).containsExactlyInAnyOrder(
            "line 2: \"dateOfBirth\": must be an ISO date yyyy-mm-dd, got \"20/11/2011\"",
            "line 3: not a JSON object",
            "line 4: \"clients\": unknown client \"C-404\": register the client first",
            "line 5: \"category\": must be one of " + PartyCategory.allowedValues() + ", got \"cousin\"",
            "line 6: \"caseNumber\": unknown case \"NO-SUCH-CASE\": register the case first");
        assertThat(store().clients()).isEmpty();
        assertThat(store().version()).isEqualTo(before);
    }

    @Test
    void invalidKeysAreRejectedBeforeTheDatabase() {
        assertThatThrownBy(() -> store().addInternalDomain("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().addAllowListEntry(new AllowListEntry("no-at-sign", Optional.empty(), "")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotIsConsistentWhileAnotherWriterCommits() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get() && i < 400; i++) {
                Client client = new Client("W-" + i, "Given" + i, "Family" + i, Optional.empty(), List.of());
                store().applyBatch(new RegistryBatch(List.of(), List.of(client),
                    List.of(new CaseRecord("2024-CW-9" + String.format("%04d", i), CaseStatus.OPEN, false, List.of(client.id()))),
                    List.of(), List.of()));
            }
        });
        writer.start();
        try {
            for (int round = 0; round < 30; round++) {
                RegistrySnapshot snapshot = store().snapshot();
                assertThat(snapshot.cases().size()).as("every case came with its client in one transaction").isEqualTo(snapshot.clients().size());
                for (CaseRecord caseRecord : snapshot.cases().values()) {
                    assertThat(snapshot.clients().keySet()).containsAll(caseRecord.clientIds());
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void csvImportPerTypeWithListsSeparatedBySemicolons() {
        String clients = "id,givenName,familyName,dateOfBirth,identifiers\n"
            + "C-1,Maria,Lopez,2014-03-05,MR-778812;MCD-99881\n"
            + "C-2,\"O'Brien, Jr\",Sean,,\n";
        assertThat(new RegistryBulkImport(store()).importCsv("client", clients).errors()).isEmpty();
        assertThat(store().findClient("C-1").orElseThrow().identifiers()).containsExactlyInAnyOrder("MR-778812", "MCD-99881");
        assertThat(store().findClient("C-2").orElseThrow().givenName()).isEqualTo("O'Brien, Jr");

        String cases = "number,status,restricted,clients\n2024-CW-00123,open,yes,C-1;C-2\n2024-CW-00124,sleeping,no,C-1\n";
        RegistryBulkImport.Result result = new RegistryBulkImport(store()).importCsv("case", cases);
        assertThat(result.errors()).containsExactly("line 3: \"status\": must be one of open, closed, got \"sleeping\"");
        assertThat(store().findCase("2024-CW-00123")).isEmpty();
    }
}
