package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefuseRecipientsTest {
    private FakeMailContext context;

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
    }

    private RefuseRecipients mailet(String... parameters) throws MessagingException {
        RefuseRecipients mailet = new RefuseRecipients(registry);
        mailet.init(MailetConfigs.of("RefuseRecipients", context, parameters));
        return mailet;
    }

    private static FakeMail caseMail(String sender) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m1")
            .sender(sender == null ? MailAddress.nullSender() : new MailAddress(sender))
            .recipients("x@gmail.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("Maria Lopez 2024-CW-00123").setText("Court date for Maria Lopez moved").addHeader("Message-ID", "<orig@agency.example>"))
            .build();
        CaseguardAttributes.setVerdicts(mail, Map.of("x@gmail.test", "FW-2:refuse"));
        CaseguardAttributes.setMessageKey(mail, "key-1");
        return mail;
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ntc1SendsOneNoticeToTheSenderFromTheNullSenderAndDropsTheCopy() throws Exception {
        FakeMail mail = caseMail("alice@agency.example");
        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail notice = context.getSentMails().get(0);
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("alice@agency.example"));
        assertThat(notice.getSender()).isEqualTo(MailAddress.nullSender());
        assertThat(raw(notice.getMsg())).contains("FW-2").contains("x@gmail.test").contains("<orig@agency.example>")
            .doesNotContain("Maria").doesNotContain("Lopez").doesNotContain("2024-CW-00123").doesNotContain("Court date");
    }

    @Test
    void tag3AdviceLeftOnTheMailIsFoldedIntoTheOneRefusalWhichNeverSaysDelivered() throws Exception {
        FakeMail mail = caseMail("alice@agency.example");
        CaseguardAttributes.setAdvisories(mail, java.util.List.of("TAG-3"));
        mailet().service(mail);

        assertThat(context.getSentMails()).hasSize(1);
        String notice = raw(context.getSentMails().get(0).getMsg());
        assertThat(notice).contains("X-Caseguard-Notice: refused; rules=FW-2,TAG-3")
            .contains("x@gmail.test (rule FW-2)").contains("initials or the case number")
            .contains("Final-Recipient: rfc822; x@gmail.test").doesNotContain("X-Caseguard-Rule: TAG-3")
            .doesNotContain("was delivered").doesNotContain("Lopez");
    }

    @Test
    void nullSenderGetsNoNoticeButTheCopyIsStillDropped() throws Exception {
        FakeMail mail = caseMail(null);
        mailet().service(mail);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void forcedRuleAndPassThroughForTheUnclassifiableProcessor() throws Exception {
        FakeMail mail = caseMail("alice@agency.example");
        mail.setState("caseguard-unclassifiable");
        mailet("rule", "TAG-1", "passThrough", "true").service(mail);
        assertThat(mail.getState()).isEqualTo("caseguard-unclassifiable");
        assertThat(raw(context.getSentMails().get(0).getMsg())).contains("TAG-1").doesNotContain("rule FW-2");
    }

    @Test
    void noticeTextsCanBeOverridden() throws Exception {
        mailet("guidance.FW-2", "Call the records unit.", "agencyName", "Example County").service(caseMail("alice@agency.example"));
        assertThat(raw(context.getSentMails().get(0).getMsg())).contains("Call the records unit.").contains("Example County");
    }

    @Test
    void initShouldThrowWhenRuleIsUnknown() {
        assertThatThrownBy(() -> mailet("rule", "FW-99")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("'rule'").hasMessageContaining("FW-99");
    }

    @Test
    void initShouldThrowWhenPassThroughIsNotBoolean() {
        assertThatThrownBy(() -> mailet("passThrough", "maybe")).hasMessageContaining("'passThrough'").hasMessageContaining("true or false");
    }

    @Test
    void initShouldThrowWhenParameterIsUnknown() {
        assertThatThrownBy(() -> mailet("guidance.FW-2x", "text")).hasMessageContaining("guidance.FW-2x");
    }

    @Test
    void initShouldThrowWhenNoticeSenderIsNotAnAddress() {
        assertThatThrownBy(() -> mailet("noticeSender", "not an address")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("RefuseRecipients: parameter 'noticeSender' must be an email address with a domain")
            .hasMessageContaining("got 'not an address'");
    }

    @Test
    void initShouldThrowWhenNoticeSenderHasNoDomain() {
        assertThatThrownBy(() -> mailet("noticeSender", "postmaster")).hasMessageContaining("'noticeSender'")
            .hasMessageContaining("such as postmaster@agency.example");
    }

    @Test
    void ntc1NoticeComesFromTheConfiguredNoticeSender() throws Exception {
        mailet("noticeSender", "privacy-desk@agency.example").service(caseMail("alice@agency.example"));
        assertThat(context.getSentMails().get(0).getMsg().getFrom()[0].toString()).isEqualTo("privacy-desk@agency.example");
    }

    @Test
    void ntc1NoticeComesFromThePostmasterOfTheFirstInternalDomainWhenJamesPostmasterIsLocalhost() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@localhost")).build();
        mailet().service(caseMail("alice@agency.example"));
        MimeMessage notice = context.getSentMails().get(0).getMsg();
        assertThat(notice.getFrom()[0].toString()).isEqualTo("postmaster@agency.example");
        assertThat(raw(notice)).contains("Reporting-MTA: dns; agency.example").doesNotContain("localhost");
    }

    @Test
    void initShouldThrowWhenTimeZoneIsUnknown() {
        assertThatThrownBy(() -> mailet("timeZone", "Mars/Olympus")).hasMessageContaining("'timeZone'");
    }
}
