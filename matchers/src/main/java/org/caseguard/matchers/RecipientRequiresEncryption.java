package org.caseguard.matchers;

import java.util.Collection;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the recipients that may only receive this mail encrypted ({@code caseguard.encryptionRequired}: CN-1d for
 * eligible clients, the CN-10 reply). Place the encryption mailet behind it; where there is none, refuse them under
 * ENC-2 ({@code RefuseRecipients} with {@code rule=ENC-2}) so that nothing goes out in clear.
 */
public class RecipientRequiresEncryption extends GenericMatcher {
    @Override
    public Collection<MailAddress> match(Mail mail) {
        Set<String> required = CaseguardAttributes.encryptionRequired(mail);
        if (required.isEmpty()) {
            return Set.of();
        }
        return mail.getRecipients().stream().filter(recipient -> required.contains(recipient.asString())).toList();
    }
}
