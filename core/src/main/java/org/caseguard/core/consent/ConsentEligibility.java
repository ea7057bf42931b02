package org.caseguard.core.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * "Was email to this client allowed at that moment?", answered from the registry as it stood then (CN-1, CN-3,
 * CN-4), so the answer given at the time can be reproduced after the consent has changed: the record as of
 * {@code at} and the date of {@code at} in the agency's zone, as the consent decision saw them.
 *
 * @param addressRoles how {@code address} related to the client then (empty when no address was asked about, or
 *                     when it was not the client's)
 */
public record ConsentEligibility(String clientId, Instant at, LocalDate date, boolean recordExisted, List<ConsentGap> unmet,
                                 Optional<String> address, List<AddressRole.Kind> addressRoles) {
    public ConsentEligibility {
        unmet = List.copyOf(unmet);
        addressRoles = List.copyOf(addressRoles);
    }

    /** CN-1 met, and (when an address was asked about) it was the exact consented address. */
    public boolean allowed() {
        return unmet.isEmpty() && (address.isEmpty()
            || (!addressRoles.isEmpty() && addressRoles.stream().allMatch(kind -> kind == AddressRole.Kind.CONSENTED
                || kind == AddressRole.Kind.RESPONSIBLE_ADULT)));
    }

    public static ConsentEligibility evaluate(ConsentStore store, String clientId, Optional<String> address, Instant at, ZoneId zone) {
        Optional<ConsentRecord> record = store.findAsOf(clientId, at);
        LocalDate date = LocalDate.ofInstant(at, zone);
        List<AddressRole.Kind> roles = address
            .map(asked -> ConsentView.of(record.map(List::of).orElse(List.of())).rolesOf(asked).stream()
                .filter(role -> role.clientId().equals(clientId)).map(AddressRole::kind).toList())
            .orElse(List.of());
        return new ConsentEligibility(clientId, at, date, record.isPresent(), ConsentConditions.unmet(record, date), address, roles);
    }
}
