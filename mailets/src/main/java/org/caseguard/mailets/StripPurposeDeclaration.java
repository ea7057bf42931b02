package org.caseguard.mailets;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.consent.DeclaredPurpose;

/**
 * CN-7: the {@code [purpose: ...]} Subject token has done its work once the consent decision is taken; the client
 * does not need to see it. Put it in the relay processor (the X-Caseguard-Purpose header goes with every other
 * X-Caseguard-* header there).
 */
public class StripPurposeDeclaration extends GenericMailet {
    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String subject = message.getSubject();
        String stripped = DeclaredPurpose.stripSubjectToken(subject);
        if (subject != null && !stripped.equals(subject)) {
            message.setSubject(stripped, "UTF-8");
            message.saveChanges();
        }
    }

    @Override
    public String getMailetInfo() {
        return "caseguard removes the CN-7 purpose token from the Subject";
    }
}
