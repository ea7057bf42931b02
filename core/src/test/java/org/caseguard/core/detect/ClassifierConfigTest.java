package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClassifierConfigTest {

    @Test
    void defaults() {
        ClassifierConfig config = ClassifierConfig.defaults();
        assertThat(config.ssnMinConfidence()).isEqualTo(0.65);
        assertThat(config.dobProximity()).isEqualTo(100);
        assertThat(config.markHeader()).isEqualTo("X-Caseguard-Mark");
        assertThat(config.maxDepth()).isEqualTo(32);
        assertThat(config.markTokens()).containsExactly("[case *]", "[secure]", "[confidential]");
    }

    @Test
    void readsMailetParametersWithCommasInsideRegexQuantifiers() {
        ClassifierConfig config = ClassifierConfig.fromParameters(Map.of(
            "caseNumberFormats", "\\d{4}-CW-\\d{5}, MH\\d{3,6}",
            "ssnMinConfidence", "0.9", "dobProximity", "40", "markTokens", "[sec],[case *]",
            "markHeader", "X-Mark", "maxDepth", "8", "maxAttachmentChars", "1000"));
        assertThat(config.caseNumberFormats()).containsExactly("\\d{4}-CW-\\d{5}", "MH\\d{3,6}");
        assertThat(config.ssnMinConfidence()).isEqualTo(0.9);
        assertThat(config.dobProximity()).isEqualTo(40);
        assertThat(config.markTokens()).containsExactly("[sec]", "[case *]");
        assertThat(config.markHeader()).isEqualTo("X-Mark");
        assertThat(config.maxDepth()).isEqualTo(8);
        assertThat(config.maxAttachmentChars()).isEqualTo(1000);
    }

    @Test
    void invalidValuesNameTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> ClassifierConfig.builder().caseNumberFormats(List.of("\\d{4")).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("caseNumberFormats: invalid regex '\\d{4'");
        assertThatThrownBy(() -> ClassifierConfig.builder().caseNumberFormats(List.of("\\d*")).build())
            .hasMessageContaining("caseNumberFormats").hasMessageContaining("empty string");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("ssnMinConfidence", "1.5")))
            .hasMessage("ssnMinConfidence: must be a number from 0 to 1, got 1.5");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("dobProximity", "near")))
            .hasMessage("dobProximity: must be a whole number, got 'near'");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("maxDepth", "0")))
            .hasMessage("maxDepth: must be 1..1000, got 0");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("markHeader", "X Mark:")))
            .hasMessageStartingWith("markHeader: must be a header name");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("markTokens", "*")))
            .hasMessageStartingWith("markTokens: each token must contain text other than '*'");
        assertThatThrownBy(() -> ClassifierConfig.fromParameters(Map.of("maxAttachmentChars", "0")))
            .hasMessage("maxAttachmentChars: must be at least 1, got 0");
    }
}
