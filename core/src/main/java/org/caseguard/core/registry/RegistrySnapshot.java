package org.caseguard.core.registry;

import java.util.List;
import java.util.Map;

/**
 * A consistent, immutable view of the whole registry at one {@link #version()}. Built by the store, cached by
 * readers until the store's version changes. Maps are keyed by case number, client id and party address.
 */
public record RegistrySnapshot(long version, List<String> internalDomains, Map<String, CaseRecord> cases,
                               Map<String, Client> clients, List<AllowListEntry> allowList,
                               Map<String, ExternalParty> parties) {
    public RegistrySnapshot {
        internalDomains = List.copyOf(internalDomains);
        cases = Map.copyOf(cases);
        clients = Map.copyOf(clients);
        allowList = List.copyOf(allowList);
        parties = Map.copyOf(parties);
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(0, List.of(), Map.of(), Map.of(), List.of(), Map.of());
    }
}
