package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.consent.ClinicianDetermination;
import org.caseguard.core.consent.ConsentForm;
import org.caseguard.core.consent.ConsentGiver;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ContactMethod;
import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.consent.ProgramApproval;
import org.caseguard.core.consent.Purpose;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.caseguard.matchers.RecipientRequiresEncryption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consent decision as a mailet: on a real H2 consent registry, merged with the firewall's verdicts. */
class DecideConsentPolicyTest {
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);
    private static final String MARIA = "maria@mail.test";

    @TempDir
    Path directory;

    private RegistryStore registry;
    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        registry = RegistryTestSupport.agencyRegistry(directory);
        registry.consents().put(consent(TODAY.plusMonths(6)), "intake");
        metrics = new RecordingMetricFactory();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private static ConsentRecord consent(LocalDate expiresOn) {
        ConsentForm form = new ConsentForm("MH708-1", true, Optional.of("alice"), TODAY.minusMonths(1), TODAY.minusMonths(1),
            Optional.of(expiresOn), Optional.empty(), Optional.empty());
        return new ConsentRecord("C-1", Optional.of(ContactMethod.EMAIL), Optional.of(new ProgramApproval("Outpatient", "pm", TODAY.minusYears(1))),
            Optional.of(new ClinicianDetermination("alice", TODAY.minusMonths(1))), Optional.of(form), Optional.of(MARIA), false,
            ConsentGiver.CLIENT, Optional.empty(), Set.of(Purpose.SCHEDULING), List.of(), Optional.empty(), Optional.empty());
    }

    private DecideConsentPolicy mailet(String... parameters) throws MessagingException {
        DecideConsentPolicy mailet = new DecideConsentPolicy(registry, metrics, Clock.fixed(NOW, ZONE));
        mailet.init(MailetConfigs.of("DecideConsentPolicy", parameters));
        return mailet;
    }

    private static FakeMail mail(String subject, ContentLabels labels, Map<String, String> firewallVerdicts, String... recipients)
        throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).setText("x")).build();
        CaseguardAttributes.setClassification(mail, Classification.none());
        CaseguardAttributes.setContentLabels(mail, labels);
        CaseguardAttributes.setVerdicts(mail, firewallVerdicts);
        return mail;
    }

    private static final ContentLabels SCHEDULING = new ContentLabels(Map.of(ContentLabel.SCHEDULING, List.of("s")));

    @Test
    void cn1EligibleClientReplacesTheFirewallRefusalAndRequiresEncryption() throws Exception {
        FakeMail mail = mail("Visit [purpose: scheduling]", SCHEDULING, Map.of(MARIA, "FW-2:refuse", "bob@agency.example", "none:deliver"),
            MARIA, "bob@agency.example");
        mailet().service(mail);

        assertThat(CaseguardAttributes.verdicts(mail).get(MARIA).wire()).isEqualTo("CN-1:deliver");
        assertThat(CaseguardAttributes.verdicts(mail).get("bob@agency.example").wire()).isEqualTo("none:deliver");
        assertThat(CaseguardAttributes.encryptionRequired(mail)).containsExactly(MARIA);
        assertThat(new RecipientRequiresEncryption().match(mail)).extracting(Object::toString).containsExactly(MARIA);
        assertThat(metrics.countFor("caseguard.CN-1.deliver")).isEqualTo(1);
    }

    @Test
    void theConsentDatesAreReadInTheConfiguredZoneAndTheRegistryIsReadAfterEachChange() throws Exception {
        DecideConsentPolicy mailet = mailet();
        registry.consents().put(consent(TODAY.minusDays(1)), "privacy.officer");
        FakeMail mail = mail("Visit [purpose: scheduling]", SCHEDULING, Map.of(MARIA, "FW-2:refuse"), MARIA);
        mailet.service(mail);

        assertThat(CaseguardAttributes.verdicts(mail).get(MARIA).wire()).isEqualTo("CN-1:refuse");
        assertThat(CaseguardAttributes.verdictDetails(mail).get(MARIA)).containsExactly("the consent form has expired (CN-1e)");
        assertThat(CaseguardAttributes.encryptionRequired(mail)).isEmpty();
    }

    @Test
    void tag3AndFw4RefusalsOfTheFirewallStand() throws Exception {
        FakeMail mail = mail("Visit [purpose: scheduling]", SCHEDULING, Map.of(MARIA, "TAG-3:refuse"), MARIA);
        mailet().service(mail);
        assertThat(CaseguardAttributes.verdicts(mail).get(MARIA).wire()).isEqualTo("TAG-3:refuse");
        assertThat(CaseguardAttributes.encryptionRequired(mail)).isEmpty();
    }

    @Test
    void cn7APurposeTemplateIsConfigurable() throws Exception {
        FakeMail mail = mail("Visit", SCHEDULING, Map.of(MARIA, "none:deliver"), MARIA);
        mail.getMessage().setHeader("X-Caseguard-Template", "sched-v1");
        mail.getMessage().saveChanges();
        mailet("templates", "sched-v1=scheduling").service(mail);
        assertThat(CaseguardAttributes.verdicts(mail).get(MARIA).wire()).isEqualTo("CN-1:deliver");
    }

    @Test
    void cn8MailWhoseContentNoLabelerCheckedIsRefusedToClients() throws Exception {
        FakeMail mail = mail("Visit [purpose: scheduling]", SCHEDULING, Map.of(MARIA, "none:deliver"), MARIA);
        mail.removeAttribute(CaseguardAttributes.CONTENT_LABELS);
        mailet().service(mail);
        assertThat(CaseguardAttributes.verdicts(mail).get(MARIA).wire()).isEqualTo("CN-8:refuse");
    }

    @Test
    void unclassifiedMailIsNotJudged() throws Exception {
        FakeMail mail = mail("Visit", SCHEDULING, Map.of(), MARIA);
        mail.removeAttribute(CaseguardAttributes.CLASSIFICATION);
        assertThatThrownBy(() -> mailet().service(mail)).isInstanceOf(MessagingException.class).hasMessageContaining("TAG-1");
    }

    @Test
    void badParametersStopStartupNamingTheParameter() {
        assertThatThrownBy(() -> mailet("mode.CN-2", "on")).hasMessageContaining("'mode.CN-2'").hasMessageContaining("CN-1");
        assertThatThrownBy(() -> mailet("mode.CN-8", "sometimes")).hasMessageContaining("'mode.CN-8'").hasMessageContaining("audit");
        assertThatThrownBy(() -> mailet("templates", "x=billing")).hasMessageContaining("'templates'").hasMessageContaining("scheduling");
        assertThatThrownBy(() -> mailet("zone", "Mars/Olympus")).hasMessageContaining("'zone'");
        assertThatThrownBy(() -> mailet("requireContentSupport", "maybe")).hasMessageContaining("'requireContentSupport'");
        assertThatThrownBy(() -> mailet("templtes", "x=scheduling")).hasMessageContaining("'templtes'").hasMessageContaining("templates");
    }
}
