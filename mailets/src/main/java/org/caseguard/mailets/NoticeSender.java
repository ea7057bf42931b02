package org.caseguard.mailets;

import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.caseguard.core.domain.Domains;
import org.caseguard.core.domain.InternalDomains;
import org.caseguard.core.registry.RegistryCache;
import org.caseguard.core.registry.RegistryStore;

/**
 * NTC-1: the address every notice comes from, so that staff and outside senders see the agency's postmaster and
 * never {@code postmaster@localhost}. Parameter {@code noticeSender}: an address; when it is not given, James's
 * postmaster if its domain is one of the agency's internal domains (or a subdomain), else {@code postmaster@} the
 * first internal domain in alphabetical order, and James's postmaster while no internal domain is registered.
 * Resolved when a notice is sent: James sets its postmaster after the mailets are initialised, and internal domains
 * change at run time (WebAdmin).
 */
final class NoticeSender {
    static final String PARAMETER = "noticeSender";
    private static final String ALLOWED = "an email address with a domain, such as postmaster@agency.example (leave it empty"
        + " for James's postmaster when it is in an internal domain, else postmaster@ the first internal domain)";

    private record AgencyDomains(InternalDomains internal, Optional<String> first) {
        static AgencyDomains of(List<String> configured) {
            InternalDomains internal = new InternalDomains(configured);
            return new AgencyDomains(internal, internal.domains().stream().sorted().findFirst());
        }
    }

    private final Optional<MailAddress> configured;
    private final RegistryCache<AgencyDomains> domains;

    private NoticeSender(Optional<MailAddress> configured, RegistryStore registry) {
        this.configured = configured;
        this.domains = new RegistryCache<>(registry::version, () -> AgencyDomains.of(registry.internalDomains()));
    }

    static NoticeSender of(Optional<MailAddress> configured, RegistryStore registry) {
        return new NoticeSender(configured, registry);
    }

    /** Reads and validates {@code noticeSender}, once, in {@code init()}. */
    static Optional<MailAddress> parse(MailetParameters parameters) throws MessagingException {
        Optional<String> value = parameters.optional(PARAMETER);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            MailAddress address = new MailAddress(value.get());
            if (address.isNullSender() || Domains.normalise(address.getDomain().asString()).isEmpty()) {
                throw parameters.invalid(PARAMETER, ALLOWED, value.get());
            }
            return Optional.of(address);
        } catch (AddressException | IllegalArgumentException e) {
            throw parameters.invalid(PARAMETER, ALLOWED, value.get());
        }
    }

    MailAddress address(MailetContext context) throws MessagingException {
        if (configured.isPresent()) {
            return configured.get();
        }
        MailAddress postmaster = context.getPostmaster();
        AgencyDomains agency = domains.get();
        if (agency.first().isEmpty() || agency.internal().isInternalAddress(postmaster.asString())) {
            return postmaster;
        }
        try {
            return new MailAddress("postmaster", agency.first().get());
        } catch (AddressException e) {
            throw new MessagingException("NTC-1: no postmaster address for the first internal domain", e);
        }
    }
}
