package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.caseguard.core.autoreply.ClientMailFlags;
import org.caseguard.core.consent.ClinicianDetermination;
import org.caseguard.core.consent.ConsentChange;
import org.caseguard.core.consent.ConsentForm;
import org.caseguard.core.consent.ConsentGiver;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentStore;
import org.caseguard.core.consent.ContactMethod;
import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.consent.ProgramApproval;
import org.caseguard.core.consent.Purpose;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** CN-6, CN-10, OPS-2 and RFC 3834 on a real H2 registry (the reply ledger is the real JDBC one). */
class AnswerClientMailTest {
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** Monday 23 November 2026, 10:00 in Los Angeles: office open. */
    private static final Instant MONDAY_10AM = Instant.parse("2026-11-23T18:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String WORKER = "w.jones@agency.example";
    private static final String SUPERVISOR = "sup.kim@agency.example";
    private static final String CONSENTED = "maria@mail.test";
    private static final String UNCONSENTED = "jonah@mail.test";
    private static final String CASE_SUBJECT = "Maria Lopez case 2024-CW-00123 - my son's medication";
    private static final String CASE_BODY = "I am writing about the custody hearing and my diagnosis.";

    @TempDir
    Path directory;

    private RegistryStore registry;
    private MutableClock clock;
    private FakeMailContext context;
    private Path form;
    private ListAppender<ILoggingEvent> logs;

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Every CN-1 condition met, consented address maria@mail.test. */
    private static ConsentRecord consentingClient() {
        ConsentForm signed = new ConsentForm("MH708-1", true, Optional.of("w.jones"), TODAY.minusMonths(2), TODAY.minusMonths(2),
            Optional.of(TODAY.plusMonths(10)), Optional.empty(), Optional.empty());
        return new ConsentRecord("C-1", Optional.of(ContactMethod.EMAIL),
            Optional.of(new ProgramApproval("Adult Outpatient", "pm.lee", TODAY.minusYears(1))),
            Optional.of(new ClinicianDetermination("w.jones", TODAY.minusMonths(3))), Optional.of(signed),
            Optional.of(CONSENTED), false, ConsentGiver.CLIENT, Optional.empty(), Set.of(Purpose.SCHEDULING),
            List.of(), Optional.of(WORKER), Optional.of(SUPERVISOR));
    }

    /** Known to the agency by address, but no consent at all: fails CN-1. */
    private static ConsentRecord clientWithoutConsent() {
        return new ConsentRecord("C-2", Optional.of(ContactMethod.TELEPHONE), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, ConsentGiver.CLIENT, Optional.empty(), Set.of(), List.of(UNCONSENTED),
            Optional.of(WORKER), Optional.of(SUPERVISOR));
    }

    @BeforeEach
    void setUp() throws Exception {
        registry = RegistryTestSupport.agencyRegistry(directory);
        registry.upsertClient(new Client("C-2", "Jonah", "Whitfield", Optional.empty(), List.of()));
        registry.consents().put(consentingClient(), "intake");
        registry.consents().put(clientWithoutConsent(), "intake");
        clock = new MutableClock(MONDAY_10AM);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@agency.example")).build();
        form = directory.resolve("access-request.pdf");
        Files.writeString(form, "%PDF-1.4 request form", StandardCharsets.US_ASCII);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AnswerClientMail.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(AnswerClientMail.class)).detachAppender(logs);
        registry.close();
    }

    private String[] baseParameters(String... extra) {
        List<String> parameters = new ArrayList<>(List.of("agencyName", "Eastside Mental Health", "telephone", "(213) 555-0100",
            "postalAddress", "550 S. Vermont Ave, Los Angeles, CA 90020", "crisisLine", "(800) 555-0199",
            "zone", ZONE.getId(), "officeHours", "Mon-Fri 08:00-17:00", "holidays", "2026-12-25", "forms", form.toString()));
        parameters.addAll(List.of(extra));
        return parameters.toArray(String[]::new);
    }

    private AnswerClientMail mailet(String... extraParameters) throws Exception {
        AnswerClientMail mailet = new AnswerClientMail(registry, registry::consents, clock);
        mailet.init(MailetConfigs.of("AnswerClientMail", context, baseParameters(extraParameters)));
        return mailet;
    }

    private static FakeMail mail(String sender, MimeMessageBuilder message, ContentLabel... labels) throws Exception {
        FakeMail mail = FakeMail.builder().name("m-" + System.nanoTime()).sender(sender).recipients(WORKER).mimeMessage(message).build();
        Map<ContentLabel, List<String>> evidence = new java.util.EnumMap<>(ContentLabel.class);
        for (ContentLabel label : labels) {
            evidence.put(label, List.of("test-rule"));
        }
        CaseguardAttributes.setContentLabels(mail, new ContentLabels(evidence));
        return mail;
    }

    private static MimeMessageBuilder message(String from) throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().addFrom(from).addToRecipient(WORKER).setSubject(CASE_SUBJECT)
            .setText(CASE_BODY).addHeader("Message-ID", "<orig-" + System.nanoTime() + "@mail.test>");
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                out.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return out.toString();
        }
        return part.isMimeType("text/plain") ? part.getContent().toString() : "";
    }

    private static void assertNoCaseContent(MimeMessage reply) throws Exception {
        String raw = raw(reply);
        assertThat(raw).doesNotContain("Maria").doesNotContain("Lopez").doesNotContain("2024-CW-00123")
            .doesNotContain("medication").doesNotContain("custody").doesNotContain("diagnosis");
        assertThat(reply.getSubject()).isEqualTo("Automatic reply from Eastside Mental Health");
    }

    private FakeMailContext.SentMail onlySent() {
        assertThat(context.getSentMails()).hasSize(1);
        return context.getSentMails().get(0);
    }

    private static Optional<String> autoReplyRule(FakeMailContext.SentMail sent) {
        return Optional.ofNullable(sent.getAttributes().get(CaseguardAttributes.AUTO_REPLY))
            .map(attribute -> String.valueOf(attribute.getValue().value()));
    }

    // --- CN-6

    @Test
    void cn6ClientWithoutConsentIsFlaggedAndAskedToCallOrWriteWithoutCaseContent() throws Exception {
        FakeMail mail = mail(UNCONSENTED, message(UNCONSENTED));
        String originalId = mail.getMessage().getMessageID();
        mailet().service(mail);

        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(false, false, false));
        assertThat(mail.getRecipients()).containsExactly(new MailAddress(WORKER));
        FakeMailContext.SentMail reply = onlySent();
        assertThat(reply.getSender()).isNull();
        assertThat(reply.getRecipients()).containsExactly(new MailAddress(UNCONSENTED));
        assertThat(autoReplyRule(reply)).contains("CN-6");
        assertThat(reply.getAttributes()).doesNotContainKey(CaseguardAttributes.ENCRYPTION_REQUIRED);
        MimeMessage message = reply.getMsg();
        assertThat(message.getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
        assertThat(message.getHeader("In-Reply-To", ",")).isEqualTo(originalId);
        assertThat(message.getFrom()[0].toString()).isEqualTo(WORKER);
        assertThat(text(message)).contains("not able to answer you by email").contains("(213) 555-0100").contains("550 S. Vermont Ave");
        assertNoCaseContent(message);
    }

    @Test
    void cn6CrisisFromAClientWithoutConsentCopiesTheSupervisorMarksUrgentAndGivesTheCrisisLineFirst() throws Exception {
        FakeMail mail = mail(UNCONSENTED, message(UNCONSENTED), ContentLabel.CRISIS);
        mailet().service(mail);

        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(false, true, false));
        assertThat(mail.getRecipients()).containsExactly(new MailAddress(WORKER), new MailAddress(SUPERVISOR));
        FakeMailContext.SentMail reply = onlySent();
        assertThat(autoReplyRule(reply)).contains("CN-6");
        String text = text(reply.getMsg());
        assertThat(text).startsWith("If you are in crisis or in danger now, please call (800) 555-0199.");
        assertThat(text).contains("not able to answer you by email");
        assertNoCaseContent(reply.getMsg());
    }

    @Test
    void cn6CrisisFromAClientWithConsentIsAlsoUrgentForWorkerAndSupervisor() throws Exception {
        FakeMail mail = mail(CONSENTED, message(CONSENTED), ContentLabel.CRISIS);
        mailet().service(mail);

        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(true, true, false));
        assertThat(mail.getRecipients()).contains(new MailAddress(SUPERVISOR));
        String text = text(onlySent().getMsg());
        assertThat(text).contains("(800) 555-0199").doesNotContain("not able to answer you by email");
    }

    @Test
    void aSupervisorAlreadyAmongTheRecipientsIsNotAddedTwice() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender(UNCONSENTED).recipients(WORKER, SUPERVISOR).mimeMessage(message(UNCONSENTED)).build();
        CaseguardAttributes.setContentLabels(mail, new ContentLabels(Map.of(ContentLabel.CRISIS, List.of("r"))));
        mailet().service(mail);
        assertThat(mail.getRecipients()).containsExactly(new MailAddress(WORKER), new MailAddress(SUPERVISOR));
    }

    @Test
    void aVariantOfTheConsentedAddressIsNotConsentedCn4SoItGetsTheCn6Reply() throws Exception {
        FakeMail mail = mail("maria+x@mail.test", message("maria+x@mail.test"));
        mailet().service(mail);
        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(false, false, false));
        assertThat(autoReplyRule(onlySent())).contains("CN-6");
    }

    @Test
    void consentThatExpiredYesterdayCountsAsNotInEffect() throws Exception {
        ConsentRecord expired = consentingClient();
        ConsentForm form = expired.form().orElseThrow();
        registry.consents().put(new ConsentRecord(expired.clientId(), expired.preferredContact(), expired.programApproval(),
            expired.clinicianDetermination(), Optional.of(new ConsentForm(form.formId(), true, form.signedByWorker(), form.signedOn(),
            form.effectiveFrom(), Optional.of(TODAY.minusDays(1)), Optional.empty(), Optional.empty())), expired.consentedAddress(),
            false, ConsentGiver.CLIENT, Optional.empty(), expired.permittedPurposes(), List.of(), expired.worker(), expired.supervisor()), "intake");
        FakeMail mail = mail(CONSENTED, message(CONSENTED));
        mailet().service(mail);
        assertThat(CaseguardAttributes.clientMail(mail).orElseThrow().consentInEffect()).isFalse();
        assertThat(autoReplyRule(onlySent())).contains("CN-6");
    }

    // --- CN-10

    @Test
    void cn10PrivacyRequestGetsTheFormsBySecureMethodAndTheWorkerIsNotified() throws Exception {
        FakeMail mail = mail(UNCONSENTED, message(UNCONSENTED), ContentLabel.PRIVACY_RIGHTS_REQUEST);
        mailet().service(mail);

        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(false, false, true));
        assertThat(context.getSentMails()).hasSize(2);
        FakeMailContext.SentMail reply = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(toAddress(UNCONSENTED))).findFirst().orElseThrow();
        assertThat(autoReplyRule(reply)).contains("CN-10");
        assertThat(reply.getSender()).isEqualTo(new MailAddress(WORKER));
        assertThat(reply.getAttributes().get(CaseguardAttributes.ENCRYPTION_REQUIRED).getValue().value().toString()).contains(UNCONSENTED);
        assertThat(reply.getMsg().isMimeType("multipart/mixed")).isTrue();
        assertThat(raw(reply.getMsg())).contains("filename=access-request.pdf");
        assertThat(text(reply.getMsg())).contains("in person or send it by mail");
        assertNoCaseContent(reply.getMsg());

        FakeMailContext.SentMail notice = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(toAddress(WORKER))).findFirst().orElseThrow();
        assertThat(notice.getSender() == null || notice.getSender().isNullSender()).as("null envelope sender").isTrue();
        assertThat(notice.getMsg().getFrom()[0].toString()).isEqualTo("postmaster@agency.example");
        assertThat(text(notice.getMsg())).contains("sent to the client automatically").contains("Reference: " + mail.getName());
        assertThat(raw(notice.getMsg())).doesNotContain("Maria").doesNotContain("2024-CW-00123").doesNotContain(UNCONSENTED);
        assertThat(autoReplyRule(notice)).isEmpty();
    }

    @Test
    void crisisWinsOverPrivacyRequestOneReplyOnlyAndTheWorkerIsToldTheFormsDidNotGo() throws Exception {
        FakeMail mail = mail(UNCONSENTED, message(UNCONSENTED), ContentLabel.CRISIS, ContentLabel.PRIVACY_RIGHTS_REQUEST);
        mailet().service(mail);

        List<FakeMailContext.SentMail> toClient = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(toAddress(UNCONSENTED))).toList();
        assertThat(toClient).hasSize(1);
        assertThat(text(toClient.get(0).getMsg())).startsWith("If you are in crisis");
        FakeMailContext.SentMail notice = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(toAddress(WORKER))).findFirst().orElseThrow();
        assertThat(text(notice.getMsg())).contains("No forms were sent automatically (reason: CN-6-crisis-reply-sent)");
    }

    // --- OPS-2

    @Test
    void withConsentInEffectAndOps2OffNothingIsSentButTheMailIsFlagged() throws Exception {
        FakeMail mail = mail(CONSENTED, message(CONSENTED));
        mailet().service(mail);
        assertThat(CaseguardAttributes.clientMail(mail)).contains(new ClientMailFlags(true, false, false));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void ops2AcknowledgementInHours() throws Exception {
        mailet("acknowledge", "true", "outOfHoursReply", "true").service(mail(CONSENTED, message(CONSENTED)));
        FakeMailContext.SentMail reply = onlySent();
        assertThat(autoReplyRule(reply)).contains("OPS-2");
        assertThat(text(reply.getMsg())).contains("received your message");
        assertNoCaseContent(reply.getMsg());
    }

    @Test
    void ops2OutOfHoursAtNightAndOnHolidaysGivesHoursAndCrisisLine() throws Exception {
        clock.set(Instant.parse("2026-11-24T05:00:00Z")); // Monday 21:00 in Los Angeles
        AnswerClientMail mailet = mailet("acknowledge", "true", "outOfHoursReply", "true");
        mailet.service(mail(CONSENTED, message(CONSENTED)));
        String text = text(onlySent().getMsg());
        assertThat(text).contains("closed now").contains("Monday to Friday 08:00-17:00").contains("(800) 555-0199");

        context.resetSentMails();
        clock.set(Instant.parse("2026-12-25T19:00:00Z")); // Friday 11:00, Christmas Day
        mailet.service(mail(CONSENTED, message(CONSENTED)));
        assertThat(text(onlySent().getMsg())).contains("closed now");
    }

    @Test
    void ops2IsOnlyForClientsWithConsentInEffect() throws Exception {
        clock.set(Instant.parse("2026-11-24T05:00:00Z"));
        mailet("outOfHoursReply", "true", "noConsentReply", "false").service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(context.getSentMails()).isEmpty();
    }

    // --- RFC 3834

    @Test
    void autoResponderLoopIsBrokenByAutoSubmittedAndByTheReplyPeriod() throws Exception {
        AnswerClientMail mailet = mailet();
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(context.getSentMails()).hasSize(1);

        // the client's vacation responder answers our reply, correctly marked
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED).addHeader("Auto-Submitted", "auto-replied")));
        assertThat(context.getSentMails()).hasSize(1);

        // a careless responder without Auto-Submitted, ten minutes later: the ledger stops it
        clock.set(MONDAY_10AM.plus(Duration.ofMinutes(10)));
        FakeMail careless = mail(UNCONSENTED, message(UNCONSENTED));
        mailet.service(careless);
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(CaseguardAttributes.clientMail(careless)).isPresent(); // still flagged for the worker

        // after the period the client may get the reply again
        clock.set(MONDAY_10AM.plus(Duration.ofDays(1)));
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void twoServerNodesOnOneRegistrySendOneReply() throws Exception {
        AnswerClientMail nodeA = mailet();
        AnswerClientMail nodeB = mailet();
        nodeA.service(mail(UNCONSENTED, message(UNCONSENTED)));
        nodeB.service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void replyPeriodIsConfigurable() throws Exception {
        AnswerClientMail mailet = mailet("replyPeriod", "PT1H");
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        clock.set(MONDAY_10AM.plus(Duration.ofMinutes(61)));
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void listMailBouncesAndForwardedMailFromAClientAreFlaggedButNotAnswered() throws Exception {
        AnswerClientMail mailet = mailet();
        FakeMail viaList = mail(UNCONSENTED, message(UNCONSENTED).addHeader("List-Id", "<parents.lists.test>"));
        mailet.service(viaList);
        FakeMail bounce = FakeMail.builder().name("b").recipients(WORKER).mimeMessage(message(UNCONSENTED)).build();
        mailet.service(bounce);
        FakeMail relayed = mail("relay@forwarder.test", message(UNCONSENTED));
        mailet.service(relayed);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(CaseguardAttributes.clientMail(viaList)).isPresent();
        assertThat(CaseguardAttributes.clientMail(bounce)).isPresent();
        assertThat(CaseguardAttributes.clientMail(relayed)).isPresent();
    }

    @Test
    void mailFromStrangersOrToNoInternalRecipientIsLeftAlone() throws Exception {
        AnswerClientMail mailet = mailet();
        FakeMail stranger = mail("someone@else.test", message("someone@else.test"));
        mailet.service(stranger);
        FakeMail outward = FakeMail.builder().name("o").sender(UNCONSENTED).recipients("friend@other.test")
            .mimeMessage(message(UNCONSENTED)).build();
        mailet.service(outward);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(CaseguardAttributes.clientMail(stranger)).isEmpty();
        assertThat(CaseguardAttributes.clientMail(outward)).isEmpty();
    }

    @Test
    void logsCarryRuleIdsReasonsAndTheMessageKeyButNoAddressNameOrContent() throws Exception {
        AnswerClientMail mailet = mailet();
        FakeMail mail = mail(UNCONSENTED, message(UNCONSENTED), ContentLabel.CRISIS, ContentLabel.PRIVACY_RIGHTS_REQUEST);
        mailet.service(mail);
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        mailet.service(mail(UNCONSENTED, message(UNCONSENTED)));
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("@").doesNotContain("Maria").doesNotContain("2024-CW-00123")
                .doesNotContain("C-2").doesNotContain("medication");
        }
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("key=" + mail.getName()).contains("rule=CN-6"));
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("reason=already-replied-in-period"));
    }

    // --- configuration

    @Test
    void badParametersAreRefusedAtInitNamingTheParameter() {
        assertThatThrownBy(() -> initWith(withoutParameter("telephone")))
            .hasMessageContaining("parameter 'telephone'").hasMessageContaining("required");
        assertThatThrownBy(() -> initWith(withoutParameter("crisisLine"))).hasMessageContaining("parameter 'crisisLine'");
        assertThatThrownBy(() -> initWith(baseParameters("forms", directory.resolve("missing.pdf").toString())))
            .hasMessageContaining("parameter 'forms'").hasMessageContaining("missing.pdf");
        assertThatThrownBy(() -> initWith(withoutParameter("forms"))).hasMessageContaining("parameter 'forms'")
            .hasMessageContaining("privacyRequestReply");
        assertThatThrownBy(() -> initWith(baseParameters("replyPeriod", "1 day"))).hasMessageContaining("parameter 'replyPeriod'")
            .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> initWith(baseParameters("replyPeriod", "PT0S"))).hasMessageContaining("parameter 'replyPeriod'");
        assertThatThrownBy(() -> initWith(baseParameters("officeHours", "Mon-Fri 9-5"))).hasMessageContaining("parameter 'officeHours'");
        assertThatThrownBy(() -> initWith(baseParameters("holidays", "Christmas"))).hasMessageContaining("parameter 'holidays'");
        assertThatThrownBy(() -> initWith(baseParameters("zone", "Pacific"))).hasMessageContaining("parameter 'zone'");
        assertThatThrownBy(() -> initWith(baseParameters("acknowledge", "maybe"))).hasMessageContaining("parameter 'acknowledge'");
        assertThatThrownBy(() -> initWith(baseParameters("crisisline", "x"))).hasMessageContaining("parameter 'crisisline'")
            .hasMessageContaining("known parameter");
        assertThatThrownBy(() -> initWith(baseParameters("text.received", "Dear {clientName}"))).hasMessageContaining("{clientName}");
    }

    @Test
    void formsAreNotNeededWhenPrivacyRequestRepliesAreOff() throws Exception {
        initWith(withoutParameter("forms", "privacyRequestReply", "false"));
    }

    private String[] withoutParameter(String name, String... extra) {
        List<String> parameters = new ArrayList<>(List.of(baseParameters()));
        int index = parameters.indexOf(name);
        parameters.remove(index + 1);
        parameters.remove(index);
        parameters.addAll(List.of(extra));
        return parameters.toArray(String[]::new);
    }

    private void initWith(String[] parameters) throws Exception {
        new AnswerClientMail(registry, registry::consents, clock).init(MailetConfigs.of("AnswerClientMail", context, parameters));
    }

    private static MailAddress toAddress(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
