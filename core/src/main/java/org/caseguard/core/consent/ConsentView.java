package org.caseguard.core.consent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.domain.Domains;

/**
 * The consent registry indexed for per-recipient lookups in constant time: which clients an address belongs to,
 * and in what role. Built once per registry version. Exact lookups compare the domain in lower case and the local
 * part as written (CN-4 default); a second, loose index (local part lower-cased, {@code +tag} removed) recognises
 * variants of a client's addresses so that they are refused rather than treated as strangers.
 */
public final class ConsentView {
    private final Map<String, ConsentRecord> recordsByClient;
    private final Map<String, List<AddressRole>> exact;
    private final Map<String, Set<String>> looseClients;

    private ConsentView(List<ConsentRecord> records) {
        Map<String, ConsentRecord> byClient = new HashMap<>();
        Map<String, List<AddressRole>> exactRoles = new HashMap<>();
        Map<String, Set<String>> loose = new HashMap<>();
        for (ConsentRecord record : records) {
            byClient.put(record.clientId(), record);
            boolean adultConsented = record.consentGivenBy() == ConsentGiver.RESPONSIBLE_ADULT;
            record.consentedAddress().ifPresent(address -> index(address, record.clientId(),
                adultConsented ? AddressRole.Kind.MINOR : AddressRole.Kind.CONSENTED, exactRoles, loose));
            if (adultConsented) {
                record.responsibleAdult().ifPresent(adult -> index(adult.address(), record.clientId(),
                    AddressRole.Kind.RESPONSIBLE_ADULT, exactRoles, loose));
            }
            for (String known : record.knownAddresses()) {
                index(known, record.clientId(), adultConsented ? AddressRole.Kind.MINOR : AddressRole.Kind.KNOWN, exactRoles, loose);
            }
        }
        this.recordsByClient = Map.copyOf(byClient);
        this.exact = Map.copyOf(exactRoles);
        this.looseClients = Map.copyOf(loose);
    }

    public static ConsentView of(List<ConsentRecord> records) {
        return new ConsentView(records);
    }

    private static void index(String address, String clientId, AddressRole.Kind kind, Map<String, List<AddressRole>> exact,
                              Map<String, Set<String>> loose) {
        Domains.normaliseAddress(address.trim()).ifPresent(normalised -> {
            List<AddressRole> roles = exact.computeIfAbsent(normalised, a -> new ArrayList<>());
            AddressRole role = new AddressRole(clientId, kind);
            if (!roles.contains(role)) {
                roles.add(role);
            }
            loose.computeIfAbsent(looseKey(normalised), a -> new LinkedHashSet<>()).add(clientId);
        });
    }

    private static String looseKey(String normalisedAddress) {
        int at = normalisedAddress.lastIndexOf('@');
        String local = normalisedAddress.substring(0, at).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + normalisedAddress.substring(at);
    }

    /** Every client role of this address; empty for an address that is no client's. */
    public List<AddressRole> rolesOf(String address) {
        Optional<String> normalised = Domains.normaliseAddress(address == null ? "" : address.trim());
        if (normalised.isEmpty()) {
            return List.of();
        }
        List<AddressRole> roles = new ArrayList<>(exact.getOrDefault(normalised.get(), List.of()));
        for (String clientId : looseClients.getOrDefault(looseKey(normalised.get()), Set.of())) {
            if (roles.stream().noneMatch(role -> role.clientId().equals(clientId))) {
                roles.add(new AddressRole(clientId, AddressRole.Kind.VARIANT));
            }
        }
        return List.copyOf(roles);
    }

    public Optional<ConsentRecord> record(String clientId) {
        return Optional.ofNullable(recordsByClient.get(clientId));
    }
}
