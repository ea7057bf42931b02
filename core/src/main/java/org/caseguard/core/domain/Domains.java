package org.caseguard.core.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way caseguard compares domains (rules.md, "Internal domain"): lower case, IDNA to ASCII (punycode),
 * trailing dot removed. Anything that cannot be normalised is treated as not matching anything (fail closed).
 */
public final class Domains {
    private Domains() {
    }

    public static Optional<String> normalise(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String trimmed = domain.trim();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.endsWith(".") || trimmed.contains("..")) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() ? Optional.empty() : Optional.of(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code candidate} is {@code parent} or one of its subdomains, label-wise; both already normalised. */
    public static boolean isSameOrSubdomain(String candidate, String parent) {
        return candidate.equals(parent) || candidate.endsWith("." + parent);
    }

    /** The normalised domain part of an address such as {@code Jane@Agency.Example.}, if it has one. */
    public static Optional<String> domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        return normalise(address.substring(at + 1));
    }

    /** An address with its domain normalised and its local part kept as written (CN-4: local parts are exact). */
    public static Optional<String> normaliseAddress(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        return domainOf(address).map(domain -> address.substring(0, at) + "@" + domain);
    }
}
