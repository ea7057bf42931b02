package org.caseguard.core.registry;

import java.util.List;

/** Records to store together (bulk import), already validated. Clients are written before the cases that list them. */
public record RegistryBatch(List<String> internalDomains, List<Client> clients, List<CaseRecord> cases,
                            List<ExternalParty> parties, List<AllowListEntry> allowList) {
    public RegistryBatch {
        internalDomains = List.copyOf(internalDomains);
        clients = List.copyOf(clients);
        cases = List.copyOf(cases);
        parties = List.copyOf(parties);
        allowList = List.copyOf(allowList);
    }

    public int size() {
        return internalDomains.size() + clients.size() + cases.size() + parties.size() + allowList.size();
    }
}
