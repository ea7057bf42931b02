package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendPolicyAdvisoriesTest {
    private FakeMailContext context;
    private SendPolicyAdvisories mailet;

    @TempDir
    static Path directory;
    private static RegistryStore registry;

    @BeforeAll
    static void openRegistry() {
        registry = RegistryTestSupport.agencyRegistry(directory);
    }

    @AfterAll
    static void closeRegistry() throws Exception {
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@agency.example")).build();
        mailet = new SendPolicyAdvisories(registry);
        mailet.init(FakeMailetConfig.builder().mailetName("SendPolicyAdvisories").mailetContext(context).build());
    }

    private static FakeMail mail(MimeMessageBuilder message, String... advisories) throws MessagingException {
        return mail(message, Map.of("bob@agency.example", "FW-1:deliver"), advisories);
    }

    private static FakeMail mail(MimeMessageBuilder message, Map<String, String> verdicts, String... advisories) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients(verdicts.keySet().toArray(String[]::new))
            .mimeMessage(message).build();
        CaseguardAttributes.setVerdicts(mail, verdicts);
        CaseguardAttributes.setAdvisories(mail, List.of(advisories));
        return mail;
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tag3WarningNamesOnlyTheRecipientsWhoReceivedTheMail() throws Exception {
        Map<String, String> verdicts = new LinkedHashMap<>();
        verdicts.put("bob@agency.example", "FW-1:deliver");
        verdicts.put("friend@gmail.test", "FW-2:refuse");
        mailet.service(mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Maria Lopez").setText("x"), verdicts, "TAG-3"));

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(raw(context.getSentMails().get(0).getMsg()))
            .contains("Your message was delivered, but").contains("Delivered to").contains("bob@agency.example")
            .doesNotContain("friend@gmail.test");
    }

    @Test
    void tag3SendsNoWarningWhenNoRecipientReceivesTheMailAndLeavesTheAdviceForTheRefusal() throws Exception {
        FakeMail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Maria Lopez").setText("x"),
            Map.of("friend@gmail.test", "FW-2:refuse"), "TAG-3");
        mailet.service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(CaseguardAttributes.advisories(mail)).containsExactly("TAG-3");
    }

    @Test
    void tag3WarningStillGoesWhenTheOnlyRecipientIsInAuditMode() throws Exception {
        mailet.service(mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Maria Lopez").setText("x"),
            Map.of("friend@gmail.test", "FW-2:audit"), "TAG-3"));
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(raw(context.getSentMails().get(0).getMsg())).contains("friend@gmail.test");
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
