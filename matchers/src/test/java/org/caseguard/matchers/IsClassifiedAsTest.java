package org.caseguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.DetectorHit;
import org.caseguard.core.detect.Sensitivity;
import org.junit.jupiter.api.Test;

class IsClassifiedAsTest {
    private static IsClassifiedAs matcher(String condition) throws MessagingException {
        IsClassifiedAs matcher = new IsClassifiedAs();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsClassifiedAs").condition(condition).build());
        return matcher;
    }

    private static FakeMail classified(Sensitivity sensitivity) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").recipients("bob@agency.example").build();
        CaseguardAttributes.setClassification(mail, new Classification(sensitivity, Set.of("A-1"), Set.of(), Set.of(), false,
            List.of(new DetectorHit("registry-case-number", 1, 1.0))));
        return mail;
    }

    @Test
    void matchesAtOrAboveThreshold() throws Exception {
        assertThat(matcher("case").match(classified(Sensitivity.CASE))).hasSize(1);
        assertThat(matcher("case").match(classified(Sensitivity.RESTRICTED))).hasSize(1);
        assertThat(matcher("restricted").match(classified(Sensitivity.CASE))).isEmpty();
        assertThat(matcher("case").match(classified(Sensitivity.NONE))).isEmpty();
    }

    @Test
    void unclassifiedMailIsTreatedAsRestricted() throws Exception {
        assertThat(matcher("restricted").match(FakeMail.builder().name("m").recipients("bob@agency.example").build())).hasSize(1);
    }

    @Test
    void classificationSurvivesTheAttributeRoundTrip() throws Exception {
        FakeMail mail = classified(Sensitivity.CASE);
        assertThat(CaseguardAttributes.classification(mail)).contains(new Classification(Sensitivity.CASE, Set.of("A-1"), Set.of(),
            Set.of(), false, List.of(new DetectorHit("registry-case-number", 1, 1.0))));
    }

    @Test
    void initShouldThrowWhenConditionIsNotASensitivity() {
        assertThatThrownBy(() -> matcher("secret")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("none, case, restricted").hasMessageContaining("'secret'");
    }
}
