package org.caseguard.matchers;

import java.util.Collection;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the recipients James's {@code RecipientRewriteTable} can look up, so that it only ever sees those:
 * {@code <mailet match="org.caseguard.matchers.RecipientCanBeRewritten" class="RecipientRewriteTable">}.
 *
 * <p>A quoted local part may hold an {@code @} ({@code "x@agency.example"@evil.test}, RFC 5321). James 3.8.1 turns
 * each recipient into a {@code Username}, which refuses an {@code @} in a local part with an
 * IllegalArgumentException that RecipientRewriteTable does not catch: the whole mail, every recipient, went to the
 * error processor. No alias or forward can be stored for such an address either, so there is nothing to rewrite.
 * James splits the mail: the other recipients skip the rewrite and go on as they are, to be decided by policy like
 * any address of their domain (FW-2 for case mail to an outside domain). No condition.</p>
 */
public class RecipientCanBeRewritten extends GenericMatcher {
    @Override
    public void init() throws MessagingException {
        if (getCondition() != null && !getCondition().isBlank()) {
            throw new MessagingException("RecipientCanBeRewritten takes no condition; got '" + getCondition() + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream().filter(RecipientCanBeRewritten::isUsername).toList();
    }

    /** The check RecipientRewriteTable's lookup makes first, on the same values. */
    private static boolean isUsername(MailAddress recipient) {
        try {
            Username.fromLocalPartWithDomain(recipient.getLocalPart(), recipient.getDomain());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
