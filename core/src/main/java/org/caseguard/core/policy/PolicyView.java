package org.caseguard.core.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.domain.Domains;
import org.caseguard.core.domain.InternalDomains;
import org.caseguard.core.registry.AllowListEntry;
import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.ExternalParty;
import org.caseguard.core.registry.RegistrySnapshot;

/**
 * What the firewall needs from the registry, indexed for per-recipient lookups in constant time: internal
 * domains, the allow-list by address and by domain, the party directory, and which clients each case covers.
 * Built once per registry version (see {@code RegistryCache}).
 */
public final class PolicyView {
    private final InternalDomains internalDomains;
    private final Map<String, List<AllowListEntry>> allowByAddress;
    private final Map<String, List<AllowListEntry>> allowByDomain;
    private final Map<String, ExternalParty> partiesByAddress;
    private final Map<String, ExternalParty> partiesByDomain;
    private final Map<String, Set<String>> clientsByCase;

    private PolicyView(RegistrySnapshot snapshot) {
        this.internalDomains = new InternalDomains(snapshot.internalDomains());
        Map<String, List<AllowListEntry>> byAddress = new HashMap<>();
        Map<String, List<AllowListEntry>> byDomain = new HashMap<>();
        for (AllowListEntry entry : snapshot.allowList()) {
            if (entry.isDomainEntry()) {
                Domains.normalise(entry.address().substring(1))
                    .ifPresent(domain -> byDomain.computeIfAbsent(domain, d -> new java.util.ArrayList<>()).add(entry));
            } else {
                Domains.normaliseAddress(entry.address())
                    .ifPresent(address -> byAddress.computeIfAbsent(address, a -> new java.util.ArrayList<>()).add(entry));
            }
        }
        this.allowByAddress = Map.copyOf(byAddress);
        this.allowByDomain = Map.copyOf(byDomain);
        Map<String, ExternalParty> partyAddresses = new HashMap<>();
        Map<String, ExternalParty> partyDomains = new HashMap<>();
        for (ExternalParty party : snapshot.parties().values()) {
            if (party.address().startsWith("@")) {
                Domains.normalise(party.address().substring(1)).ifPresent(domain -> partyDomains.put(domain, party));
            } else {
                Domains.normaliseAddress(party.address()).ifPresent(address -> partyAddresses.put(address, party));
            }
        }
        this.partiesByAddress = Map.copyOf(partyAddresses);
        this.partiesByDomain = Map.copyOf(partyDomains);
        Map<String, Set<String>> clients = new HashMap<>();
        for (CaseRecord caseRecord : snapshot.cases().values()) {
            clients.put(caseRecord.number(), Set.copyOf(caseRecord.clientIds()));
        }
        this.clientsByCase = Map.copyOf(clients);
    }

    public static PolicyView of(RegistrySnapshot snapshot) {
        return new PolicyView(snapshot);
    }

    public boolean isInternal(String address) {
        return internalDomains.isInternalAddress(address);
    }

    public Optional<ExternalParty> party(String address) {
        Optional<String> normalised = Domains.normaliseAddress(address);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        ExternalParty exact = partiesByAddress.get(normalised.get());
        if (exact != null) {
            return Optional.of(exact);
        }
        return Domains.domainOf(address).map(partiesByDomain::get);
    }

    /** FW-3 entries that name this address exactly, or its exact domain as {@code @domain}. */
    public List<AllowListEntry> allowEntries(String address) {
        List<AllowListEntry> entries = new java.util.ArrayList<>();
        Domains.normaliseAddress(address).map(allowByAddress::get).ifPresent(entries::addAll);
        Domains.domainOf(address).map(allowByDomain::get).ifPresent(entries::addAll);
        return entries;
    }

    public Set<String> clientsOfCases(Set<String> caseNumbers) {
        Set<String> clients = new HashSet<>();
        caseNumbers.forEach(number -> clients.addAll(clientsByCase.getOrDefault(number, Set.of())));
        return clients;
    }
}
