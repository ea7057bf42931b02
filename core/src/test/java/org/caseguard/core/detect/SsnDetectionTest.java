package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.detect.Fixtures.classifyBody;
import static org.caseguard.core.detect.Fixtures.hit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectionTest {

    private static double ssnConfidence(String text) {
        return hit(classifyBody(text), "us-ssn").map(DetectorHit::confidence).orElse(0.0);
    }

    @Test
    void formattedWithKeywordIsRestrictedAt095() {
        Classification result = classifyBody("Her SSN: 123-45-6789 per intake");
        assertThat(hit(result, "us-ssn")).get().extracting(DetectorHit::confidence).isEqualTo(0.95);
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(ssnConfidence("social security number is 123 45 6789")).isEqualTo(0.95);
        assertThat(ssnConfidence("SS# 123-45-6789")).isEqualTo(0.95);
        assertThat(ssnConfidence("soc. sec. 123-45-6789")).isEqualTo(0.95);
    }

    @Test
    void bareNineDigitsCountOnlyWithAKeyword() {
        assertThat(ssnConfidence("ssn 123456789")).isEqualTo(0.85);
        assertThat(ssnConfidence("invoice 123456789 paid")).isZero();
        assertThat(classifyBody("invoice 123456789 paid").sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void formattedWithoutKeywordIs065AndMinConfidenceCanExcludeIt() {
        assertThat(ssnConfidence("call 123-45-6789")).isEqualTo(0.65);
        DefaultMessageClassifier strict = Fixtures.classifier(ClassifierConfig.builder().ssnMinConfidence(0.9).build());
        assertThat(strict.classify(ExtractedText.of("", "call 123-45-6789")).detectors()).isEmpty();
        assertThat(strict.classify(ExtractedText.of("", "ssn 123-45-6789")).sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
    }

    @Test
    void keywordFarAwayDoesNotCount() {
        assertThat(ssnConfidence("ssn" + " filler words here".repeat(5) + " 123456789")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000",
        "078-05-1120", "219-09-9999", "1234-45-6789", "123-45-67890", "123-456-789"})
    void invalidOrAdvertisingNumbersAreNeverHits(String number) {
        assertThat(ssnConfidence("SSN " + number)).isZero();
    }
}
