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
        MimeMessageBuilder nested = MimeMessageBuilder.mimeMessageBuilder().setText("deep 2024-CW-00123");
        for (int depth = 0; depth < 40; depth++) {
            nested = MimeMessageBuilder.mimeMessageBuilder().setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().type("message/rfc822").data(asBytes(nested)));
        }
        FakeMail mail = mail(nested);
        mailet("unclassifiableProcessor", "held").service(mail);
        assertThat(mail.getState()).isEqualTo("held");
        assertThat(CaseguardAttributes.classification(mail)).isEmpty();
        assertThat(mail.getAttribute(CaseguardAttributes.UNCLASSIFIABLE)).isPresent();
    }

    private static byte[] asBytes(MimeMessageBuilder builder) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        builder.build().writeTo(out);
        return out.toByteArray();
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
