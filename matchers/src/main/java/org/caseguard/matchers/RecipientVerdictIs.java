package org.caseguard.matchers;

import java.util.Collection;
import java.util.Map;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMatcher;
import org.caseguard.core.policy.Outcome;
import org.caseguard.core.policy.RecipientVerdict;

/**
 * Matches the recipients whose recorded policy verdict has the given outcome, e.g.
 * {@code match="org.caseguard.matchers.RecipientVerdictIs=refuse"}: the mail is split so that the refused
 * recipients can be handled (notice, removal) while the others continue.
 *
 * <p>Recipients with no recorded verdict (added after the decision) match {@code refuse}: when in doubt, do not deliver.</p>
 */
public class RecipientVerdictIs extends GenericMatcher {
    private Outcome outcome;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        try {
            outcome = Outcome.parse(condition);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessagingException("RecipientVerdictIs condition must be one of deliver, refuse, audit; got '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Map<String, RecipientVerdict> verdicts = CaseguardAttributes.verdicts(mail);
        return mail.getRecipients().stream()
            .filter(recipient -> outcomeOf(verdicts.get(recipient.asString())) == outcome)
            .toList();
    }

    private static Outcome outcomeOf(RecipientVerdict verdict) {
        return verdict == null ? Outcome.REFUSE : verdict.outcome();
    }
}
