package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendPolicyAdvisoriesTest {
    private FakeMailContext context;
    private SendPolicyAdvisories mailet;

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@agency.example")).build();
        mailet = new SendPolicyAdvisories();
        mailet.init(FakeMailetConfig.builder().mailetName("SendPolicyAdvisories").mailetContext(context).build());
    }

    private static FakeMail mail(MimeMessageBuilder message, String... advisories) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients("bob@agency.example")
            .mimeMessage(message).build();
        CaseguardAttributes.setAdvisories(mail, List.of(advisories));
        return mail;
    }

    @Test
    void tag3WarningGoesToTheSenderOnceEvenIfTheMailIsServicedAgainAfterASplit() throws Exception {
        FakeMail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Maria Lopez").setText("x"), "TAG-3");
        mailet.service(mail);
        mailet.service(mail);
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("alice@agency.example"));
    }

    @Test
    void autoSubmittedMailGetsNoAdvisory() throws Exception {
        mailet.service(mail(MimeMessageBuilder.mimeMessageBuilder().addHeader("Auto-Submitted", "auto-replied").setText("x"), "FW-6"));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noAdvisoryNoNotice() throws Exception {
        mailet.service(mail(MimeMessageBuilder.mimeMessageBuilder().setText("x")));
        assertThat(context.getSentMails()).isEmpty();
    }
}
