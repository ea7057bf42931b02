package org.caseguard.mailets;

import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.matchers.CaseguardAttributes;

/**
 * TAG-2: for internal recipients only (place it in local delivery), writes the sensitivity and the rule IDs
 * that applied, so mail clients can filter on them: {@code X-Caseguard-Sensitivity: case} and
 * {@code X-Caseguard-Rules: FW-1}. Never a case number, a client id or a name.
 */
public class AddClassificationHeader extends GenericMailet {
    public static final String SENSITIVITY_HEADER = "X-Caseguard-Sensitivity";
    public static final String RULES_HEADER = "X-Caseguard-Rules";

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
        message.saveChanges();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard classification header for internal recipients (TAG-2)";
    }
}
