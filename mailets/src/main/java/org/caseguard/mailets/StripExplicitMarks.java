package org.caseguard.mailets;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.detect.ClassifierConfig;
import org.caseguard.core.detect.ExplicitMarks;

/**
 * TAG-4: removes the sender's explicit marks ({@code [case 12345]}, {@code [secure]}, ...) from the Subject before
 * delivery, and the mark header. Place it after ClassifyMessage (the marks have done their work) wherever the marks
 * should not be seen: before remote delivery at least, where {@code [case 12345]} would otherwise leave in the
 * Subject. Takes the same {@code markTokens} and {@code markHeader} as ClassifyMessage (same defaults).
 */
public class StripExplicitMarks extends GenericMailet {
    private static final Set<String> PARAMETERS = Set.of("markTokens", "markHeader");

    private ClassifierConfig marks;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        Map<String, String> values = new HashMap<>();
        for (String name : parameters.names()) {
            if (PARAMETERS.contains(name)) {
                values.put(name, getInitParameter(name));
            } else if (!MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of " + PARAMETERS, name);
            }
        }
        try {
            marks = ClassifierConfig.fromParameters(values);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String subject = message.getSubject();
        boolean changed = false;
        if (subject != null) {
            String stripped = ExplicitMarks.stripExplicitMarks(subject, marks);
            if (!stripped.equals(subject)) {
                message.setSubject(stripped, "UTF-8");
                changed = true;
            }
        }
        if (!marks.markHeader().isEmpty() && message.getHeader(marks.markHeader()) != null) {
            message.removeHeader(marks.markHeader());
            changed = true;
        }
        if (changed) {
            message.saveChanges();
        }
    }

    @Override
    public String getMailetInfo() {
        return "caseguard explicit mark removal (TAG-4)";
    }
}
