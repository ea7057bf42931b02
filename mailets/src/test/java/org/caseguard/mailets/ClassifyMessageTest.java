package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyMessageTest {
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

    private ClassifyMessage mailet(String... parameters) throws MessagingException {
        ClassifyMessage mailet = new ClassifyMessage(registry, metrics);
        mailet.init(MailetConfigs.of("ClassifyMessage", parameters));
        return mailet;
    }

    private static FakeMail mail(MimeMessageBuilder message) throws MessagingException {
        return FakeMail.builder().name("m").sender("alice@agency.example").recipients("x@gmail.test").mimeMessage(message).build();
    }

    @Test
    void tag1RecordsClassificationAndAnOpaqueKey() throws Exception {
        FakeMail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Visit").setText("Notes for Maria Lopez, case 2024-CW-00123"));
        mailet("unclassifiableProcessor", "held").service(mail);

        Classification classification = CaseguardAttributes.classification(mail).orElseThrow();
        assertThat(classification.sensitivity()).isEqualTo(Sensitivity.CASE);
        assertThat(classification.caseNumbers()).containsExactly("2024-CW-00123");
        assertThat(classification.clientIds()).containsExactly("C-1");
        assertThat(CaseguardAttributes.messageKey(mail)).matches("[0-9a-f-]{36}").doesNotContain("2024");
        assertThat(metrics.countFor("caseguard.TAG-1.case")).isEqualTo(1);
    }

    private void consentFor(String clientId, String address) {
        registry.consents().put(new org.caseguard.core.consent.ConsentRecord(clientId, java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(address), false,
            org.caseguard.core.consent.ConsentGiver.CLIENT, java.util.Optional.empty(), java.util.Set.of(), java.util.List.of(),
            java.util.Optional.empty(), java.util.Optional.empty()), "test");
    }

    @Test
    void contentOfMailToOrFromAClientIsLabelledInTheSamePassOtherMailIsNot() throws Exception {
        consentFor("C-1", "maria@mail.test");
        ClassifyMessage mailet = mailet("unclassifiableProcessor", "held", "contentLabels", "default");
        String diagnosis = "Based on your symptoms you have major depressive disorder and we should increase your sertraline dose.";

        FakeMail toClient = FakeMail.builder().name("a").sender("alice@agency.example").recipients("maria@mail.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Visit").setText(diagnosis)).build();
        FakeMail fromClientByHeaderOnly = FakeMail.builder().name("b").sender("bounces+123@forwarder.test").recipients("alice@agency.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("maria@mail.test").setSubject("Hi").setText(diagnosis)).build();
        FakeMail internal = FakeMail.builder().name("c").sender("alice@agency.example").recipients("bob@agency.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Visit").setText(diagnosis)).build();
        mailet.service(toClient);
        mailet.service(fromClientByHeaderOnly);
        mailet.service(internal);

        assertThat(CaseguardAttributes.contentLabels(toClient).orElseThrow().has(org.caseguard.core.consent.ContentLabel.DIAGNOSIS_TREATMENT)).isTrue();
        assertThat(CaseguardAttributes.contentLabels(fromClientByHeaderOnly)).isPresent();
        assertThat(CaseguardAttributes.contentLabels(internal)).isEmpty();
    }

    @Test
    void contentLabelsParameterNamesWhatIsAllowed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "contentLabels", "/no/such/rules.properties"))
            .hasMessageContaining("'contentLabels'");
    }

    @Test
    void tag1OrdinaryMailIsNone() throws Exception {
        FakeMail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Lunch").setText("Pizza on Friday?"));
        mailet("unclassifiableProcessor", "held").service(mail);
        assertThat(CaseguardAttributes.classification(mail).orElseThrow().sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void tag1ConfiguredCaseNumberFormatCountsEvenWhenNotRegistered() throws Exception {
        FakeMail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Intake").setText("New referral 2025-CW-55501"));
        mailet("unclassifiableProcessor", "held", "caseNumberFormats", "\\d{4}-CW-\\d{5}").service(mail);
        assertThat(CaseguardAttributes.classification(mail).orElseThrow().isCaseIdentifying()).isTrue();
    }

    @Test
    void tag1UnreadableMailGoesToTheUnclassifiableProcessorWithoutClassification() throws Exception {
        FakeMail mail = mail(nestedBeyondMaxDepth());
        mailet("unclassifiableProcessor", "held").service(mail);
        assertThat(mail.getState()).isEqualTo("held");
        assertThat(CaseguardAttributes.classification(mail)).isEmpty();
        assertThat(mail.getAttribute(CaseguardAttributes.UNCLASSIFIABLE)).isPresent();
    }

    @Test
    void tag1UnreadableMailToInternalRecipientsOnlyGoesOnAsRestricted() throws Exception {
        MimeMessageBuilder nested = nestedBeyondMaxDepth();
        FakeMail mail = FakeMail.builder().name("m").sender("alice@agency.example").recipients("bob@agency.example")
            .mimeMessage(nested).state("root").build();
        mailet("unclassifiableProcessor", "held").service(mail);
        assertThat(mail.getState()).isEqualTo("root");
        assertThat(CaseguardAttributes.classification(mail).orElseThrow().sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(mail.getAttribute(CaseguardAttributes.UNCLASSIFIABLE)).isEmpty();
    }

    /** 40 attached messages deep, beyond the default maxDepth (32): cannot be read completely. */
    private static MimeMessageBuilder nestedBeyondMaxDepth() throws Exception {
        MimeMessageBuilder nested = MimeMessageBuilder.mimeMessageBuilder().setText("deep 2024-CW-00123");
        for (int depth = 0; depth < 40; depth++) {
            nested = MimeMessageBuilder.mimeMessageBuilder().setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().type("message/rfc822").data(asBytes(nested)));
        }
        return nested;
    }

    private static byte[] asBytes(MimeMessageBuilder builder) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        builder.build().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void jrn3TheDistinctWordsForTheSearchIndexAreCappedSubjectFirstAndZeroTurnsTheIndexOff() throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Kinship placement")
            .setText("Review of the kinship placement and the school transport plan");

        FakeMail byDefault = mail(message);
        mailet("unclassifiableProcessor", "held").service(byDefault);
        assertThat(CaseguardAttributes.searchWords(byDefault)).contains("kinship", "placement", "school", "transport", "plan");

        FakeMail capped = mail(message);
        mailet("unclassifiableProcessor", "held", "searchWords", "2").service(capped);
        assertThat(CaseguardAttributes.searchWords(capped)).containsExactlyInAnyOrder("kinship", "placement");

        FakeMail off = mail(message);
        mailet("unclassifiableProcessor", "held", "searchWords", "0").service(off);
        assertThat(CaseguardAttributes.searchWords(off)).isEmpty();
        assertThat(CaseguardAttributes.classification(off)).isPresent();
    }

    @Test
    void initShouldThrowWhenSearchWordsIsNotACountInRange() {
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "searchWords", "-1"))
            .hasMessageContaining("'searchWords'").hasMessageContaining("0 (no full-text index) to 100000");
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "searchWords", "lots")).hasMessageContaining("'searchWords'");
    }

    @Test
    void initShouldThrowWhenUnclassifiableProcessorIsMissing() {
        assertThatThrownBy(() -> mailet()).isInstanceOf(MessagingException.class).hasMessageContaining("'unclassifiableProcessor'");
    }

    @Test
    void initShouldThrowWhenParameterIsUnknown() {
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "caseNumberFormat", "x"))
            .hasMessageContaining("'caseNumberFormat'");
    }

    @Test
    void initShouldThrowWhenCaseNumberFormatIsNotARegex() {
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "caseNumberFormats", "\\d{4"))
            .hasMessageContaining("caseNumberFormats");
    }

    @Test
    void initShouldThrowWhenSsnMinConfidenceIsOutOfRange() {
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "ssnMinConfidence", "1.5")).hasMessageContaining("ssnMinConfidence");
    }

    @Test
    void initShouldThrowWhenMaxDepthIsNotANumber() {
        assertThatThrownBy(() -> mailet("unclassifiableProcessor", "held", "maxDepth", "deep")).hasMessageContaining("maxDepth");
    }
}
