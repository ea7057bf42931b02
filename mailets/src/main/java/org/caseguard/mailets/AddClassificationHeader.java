package org.caseguard.mailets;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.autoreply.ClientMailFlags;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.matchers.CaseguardAttributes;

/**
 * TAG-2: for internal recipients only (place it in local delivery), writes the sensitivity and the rule IDs
 * that applied, so mail clients can filter on them: {@code X-Caseguard-Sensitivity: case} and
 * {@code X-Caseguard-Rules: FW-1}. For mail from a client (CN-6, CN-10, set by {@code AnswerClientMail}) also
 * {@code X-Caseguard-Consent: in-effect | not-in-effect}, {@code X-Caseguard-Privacy-Request: yes}, and for emergent
 * mail {@code X-Caseguard-Urgent: yes} with {@code Importance: high} and {@code X-Priority: 1 (Highest)} so that
 * ordinary mail clients show it as urgent. Never a case number, a client id or a name.
 */
public class AddClassificationHeader extends GenericMailet {
    public static final String SENSITIVITY_HEADER = "X-Caseguard-Sensitivity";
    public static final String RULES_HEADER = "X-Caseguard-Rules";
    public static final String CONSENT_HEADER = "X-Caseguard-Consent";
    public static final String URGENT_HEADER = "X-Caseguard-Urgent";
    public static final String PRIVACY_REQUEST_HEADER = "X-Caseguard-Privacy-Request";

    @Override
    public void service(Mail mail) throws MessagingException {
        Sensitivity sensitivity = CaseguardAttributes.classification(mail).map(c -> c.sensitivity()).orElse(Sensitivity.NONE);
        Set<String> rules = new TreeSet<>();
        CaseguardAttributes.verdicts(mail).values().forEach(verdict -> verdict.rule().ifPresent(rule -> rules.add(rule.id())));
        MimeMessage message = mail.getMessage();
        message.setHeader(SENSITIVITY_HEADER, sensitivity.wire());
        if (!rules.isEmpty()) {
            message.setHeader(RULES_HEADER, String.join(", ", rules));
        }
        Optional<ClientMailFlags> clientMail = CaseguardAttributes.clientMail(mail);
        if (clientMail.isPresent()) {
            message.setHeader(CONSENT_HEADER, clientMail.get().consentInEffect() ? "in-effect" : "not-in-effect");
            if (clientMail.get().urgent()) {
                message.setHeader(URGENT_HEADER, "yes");
                message.setHeader("Importance", "high");
                message.setHeader("X-Priority", "1 (Highest)");
            }
            if (clientMail.get().privacyRequest()) {
                message.setHeader(PRIVACY_REQUEST_HEADER, "yes");
            }
        }
        message.saveChanges();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard classification header for internal recipients (TAG-2)";
    }
}
