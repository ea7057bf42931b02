package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.DetectorHit;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.core.registry.ExternalParty;
import org.caseguard.core.registry.PartyCategory;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideRecipientPolicyTest {
    @TempDir
    Path directory;

    private RegistryStore registry;
    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        registry = RegistryTestSupport.agencyRegistry(directory);
        metrics = new RecordingMetricFactory();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private DecideRecipientPolicy mailet(String... parameters) throws MessagingException {
        DecideRecipientPolicy mailet = new DecideRecipientPolicy(registry, metrics);
        mailet.init(MailetConfigs.of("DecideRecipientPolicy", parameters));
        return mailet;
    }

    private static FakeMail caseMail(String... recipients) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x")).build();
        CaseguardAttributes.setClassification(mail, new Classification(Sensitivity.CASE, Set.of("2024-CW-00123"), Set.of("C-1"), Set.of(),
            false, List.of(new DetectorHit("registry-case-number", 1, 1.0))));
        return mail;
    }

    @Test
    void recordsAVerdictPerRecipientAndCountsThemPerRule() throws Exception {
        FakeMail mail = caseMail("bob@agency.example", "x@gmail.test", "ombudsman@ombuds.test");
        mailet().service(mail);
        assertThat(CaseguardAttributes.verdicts(mail)).hasSize(3);
        assertThat(CaseguardAttributes.verdicts(mail).get("x@gmail.test").wire()).isEqualTo("FW-2:refuse");
        assertThat(CaseguardAttributes.verdicts(mail).get("ombudsman@ombuds.test").wire()).isEqualTo("FW-3:deliver");
        assertThat(metrics.countFor("caseguard.FW-2.refuse")).isEqualTo(1);
        assertThat(metrics.countFor("caseguard.FW-1.deliver")).isEqualTo(1);
    }

    @Test
    void registryChangesApplyToTheNextMail() throws Exception {
        DecideRecipientPolicy mailet = mailet("deniedCategories", "birth-parent");
        FakeMail before = caseMail("p@mail.test");
        CaseguardAttributes.setClassification(before, Classification.none());
        mailet.service(before);
        assertThat(CaseguardAttributes.verdicts(before).get("p@mail.test").wire()).isEqualTo("none:deliver");

        registry.upsertParty(new ExternalParty("p@mail.test", PartyCategory.BIRTH_PARENT, ""));
        FakeMail after = caseMail("p@mail.test");
        CaseguardAttributes.setClassification(after, Classification.none());
        mailet.service(after);
        assertThat(CaseguardAttributes.verdicts(after).get("p@mail.test").wire()).isEqualTo("FW-4:refuse");
    }

    @Test
    void auditModeIsRecordedAsAudit() throws Exception {
        FakeMail mail = caseMail("x@gmail.test");
        mailet("mode.FW-2", "audit").service(mail);
        assertThat(CaseguardAttributes.verdicts(mail).get("x@gmail.test").wire()).isEqualTo("FW-2:audit");
        assertThat(metrics.countFor("caseguard.FW-2.audit")).isEqualTo(1);
    }

    @Test
    void unclassifiedMailFailsClosed() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients("x@gmail.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x")).build();
        assertThatThrownBy(() -> mailet().service(mail)).isInstanceOf(MessagingException.class).hasMessageContaining("TAG-1");
    }

    @Test
    void initShouldThrowWhenModeIsInvalid() {
        assertThatThrownBy(() -> mailet("mode.FW-2", "sometimes")).hasMessageContaining("'mode.FW-2'").hasMessageContaining("on, off, audit");
    }

    @Test
    void initShouldThrowWhenModeNamesAnUnknownRule() {
        assertThatThrownBy(() -> mailet("mode.FW-9", "on")).hasMessageContaining("'mode.FW-9'");
    }

    @Test
    void initShouldThrowWhenCategoryIsUnknown() {
        assertThatThrownBy(() -> mailet("deniedCategories", "birth-parent, cousin")).hasMessageContaining("'deniedCategories'")
            .hasMessageContaining("cousin").hasMessageContaining("guardian-ad-litem");
    }

    @Test
    void initShouldThrowWhenSubjectNameActionIsInvalid() {
        assertThatThrownBy(() -> mailet("subjectNameAction", "shout")).hasMessageContaining("'subjectNameAction'").hasMessageContaining("warn, block");
    }

    @Test
    void initShouldThrowWhenNotifyExternalSenderIsNotBoolean() {
        assertThatThrownBy(() -> mailet("notifyExternalSender", "sometimes")).hasMessageContaining("'notifyExternalSender'");
    }
}
