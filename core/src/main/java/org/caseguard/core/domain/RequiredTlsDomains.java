package org.caseguard.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ENC-5: the destination domains that may only be reached over TLS. A listed domain covers itself and its
 * subdomains, as internal domains do ({@code partner.example} covers {@code mx.partner.example}; not
 * {@code partner.example.evil.test}): when in doubt, require more TLS, not less. An empty list requires nothing.
 */
public final class RequiredTlsDomains {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final InternalDomains domains;

    private RequiredTlsDomains(List<String> normalised) {
        this.domains = new InternalDomains(normalised);
    }

    /**
     * @param commaSeparated e.g. {@code "courts.example, partner.example"}; null or blank for none
     * @throws IllegalArgumentException naming the first entry that is not a domain name
     */
    public static RequiredTlsDomains parse(String commaSeparated) {
        List<String> normalised = new ArrayList<>();
        if (commaSeparated != null && !commaSeparated.isBlank()) {
            for (String entry : commaSeparated.split(",", -1)) {
                normalised.add(normaliseEntry(entry.trim()));
            }
        }
        return new RequiredTlsDomains(normalised);
    }

    private static String normaliseEntry(String entry) {
        Optional<String> domain = Domains.normalise(entry)
            .filter(ascii -> ascii.contains(".") && ascii.length() <= 253)
            .filter(ascii -> Pattern.compile("\\.").splitAsStream(ascii).allMatch(label -> LABEL.matcher(label).matches()));
        return domain.orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not a domain name; expected "
            + "comma-separated domains such as partner.example (a domain covers its subdomains)"));
    }

    /** True when mail to this address may only leave over TLS. */
    public boolean requiresTls(String address) {
        return Domains.domainOf(address).map(domains::isInternalDomain).orElse(false);
    }

    public Set<String> domains() {
        return domains.domains();
    }

    public boolean isEmpty() {
        return domains.domains().isEmpty();
    }
}
