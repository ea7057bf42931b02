package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {
    @Test
    void jrn3WordsAreNormalisedAsDetectionNormalisesSoCaseAccentsAndHiddenCharactersDoNotMatter() {
        ExtractedText text = ExtractedText.of("Hearing for MÜLLER", "Mu\u200Bller's hearing moved to Friday, 2024-CW-00123.");

        assertThat(SearchTerms.of(text, 100)).containsExactly("hearing", "for", "muller", "moved", "to", "friday", "2024", "cw", "00123");
        assertThat(SearchTerms.ofQuery("müller  FRIDAY")).containsExactly("muller", "friday");
    }

    @Test
    void oneLetterWordsAreNotIndexedAndTheNumberOfWordsIsCapped() {
        assertThat(SearchTerms.of(ExtractedText.of("a one two", "x three four five"), 4)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aQueryWordThatIsNeverIndexedIsRefusedNotDroppedWhichWouldWidenTheSearch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchTerms.ofQuery("okonkwo a"))
            .hasMessageContaining("2 to 64 letters or digits");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchTerms.ofQuery("okonkwo " + "x".repeat(65)))
            .hasMessageContaining("one has 65");
    }
}
