package org.caseguard.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.caseguard.core.domain.RequiredTlsDomains;

/**
 * ENC-5: matches the recipients whose domain may only be reached over TLS, e.g.
 * {@code match="org.caseguard.matchers.RecipientDomainRequiresTls=courts.example, partner.example"}. A listed domain
 * covers its subdomains. An empty condition matches nobody. Put a {@code ToProcessor} to a RemoteDelivery that
 * requires STARTTLS behind it: James splits the mail so the other recipients keep their ordinary route.
 */
public class RecipientDomainRequiresTls extends GenericMatcher {
    private RequiredTlsDomains domains;

    @Override
    public void init() throws MessagingException {
        try {
            domains = RequiredTlsDomains.parse(getCondition());
        } catch (IllegalArgumentException e) {
            throw new MessagingException("RecipientDomainRequiresTls condition: " + e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (domains.isEmpty()) {
            return List.of();
        }
        return mail.getRecipients().stream().filter(recipient -> domains.requiresTls(recipient.asString())).toList();
    }
}
