package org.caseguard.core.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured internal domains: a recipient is internal when its domain is one of them or a subdomain of one
 * ({@code dhhs.agency.example} yes; {@code agency.example.evil.test} and {@code evilagency.example} no).
 * Lookup walks the candidate's label suffixes, so its cost does not depend on how many domains are configured.
 */
public final class InternalDomains {
    private final Set<String> domains;

    public InternalDomains(List<String> configuredDomains) {
        this.domains = configuredDomains.stream()
            .map(Domains::normalise)
            .flatMap(Optional::stream)
            .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isInternalAddress(String address) {
        return Domains.domainOf(address).map(this::isInternalDomain).orElse(false);
    }

    /** @param normalisedDomain a domain as returned by {@link Domains#normalise(String)} */
    public boolean isInternalDomain(String normalisedDomain) {
        String suffix = normalisedDomain;
        while (true) {
            if (domains.contains(suffix)) {
                return true;
            }
            int dot = suffix.indexOf('.');
            if (dot < 0) {
                return false;
            }
            suffix = suffix.substring(dot + 1);
        }
    }

    public Set<String> domains() {
        return domains;
    }
}
