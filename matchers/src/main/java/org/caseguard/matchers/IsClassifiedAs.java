package org.caseguard.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMatcher;
import org.caseguard.core.detect.Sensitivity;

/**
 * Matches every recipient of mail classified (TAG-1) at the given sensitivity or above, e.g.
 * {@code IsClassifiedAs=case} matches case and restricted mail. Mail that was never classified matches
 * (fail closed), so a pipeline that forgot the classifier treats everything as sensitive.
 */
public class IsClassifiedAs extends GenericMatcher {
    private Sensitivity threshold;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        try {
            threshold = Sensitivity.parse(condition);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessagingException("IsClassifiedAs condition must be one of none, case, restricted; got '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Sensitivity sensitivity = CaseguardAttributes.classification(mail)
            .map(classification -> classification.sensitivity())
            .orElse(Sensitivity.RESTRICTED);
        if (sensitivity.compareTo(threshold) >= 0) {
            return mail.getRecipients();
        }
        return List.of();
    }
}
