package org.caseguard.mailets;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.caseguard.core.registry.AllowListEntry;
import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;

/** A real embedded registry (H2 in a temporary directory) with one agency, case and client. */
final class RegistryTestSupport {
    private RegistryTestSupport() {
    }

    static RegistryStore agencyRegistry(Path directory) {
        RegistryStore store = RegistryStores.open(new Properties(), directory);
        store.addInternalDomain("agency.example");
        store.upsertClient(new Client("C-1", "Maria", "Lopez", Optional.of(LocalDate.of(2014, 3, 5)), List.of("MR-778812")));
        store.upsertCase(new CaseRecord("2024-CW-00123", CaseStatus.OPEN, false, List.of("C-1")));
        store.addAllowListEntry(new AllowListEntry("ombudsman@ombuds.test", Optional.empty(), "ombudsman"));
        return store;
    }
}
