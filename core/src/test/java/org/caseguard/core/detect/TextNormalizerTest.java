package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsCaseAndTurnsPunctuationAndWhitespaceRunsIntoOneSpace() {
        assertThat(TextNormalizer.normalize("  Case 2023-CW-00123:\n\tMaria   LOPEZ!! ")).isEqualTo("case 2023 cw 00123 maria lopez");
    }

    @Test
    void removesZeroWidthAndFormatCharactersInsideWords() {
        assertThat(TextNormalizer.normalize("Ma\u200Bri\u200Da\u2060 Lo\u00ADpez\uFEFF")).isEqualTo("maria lopez");
    }

    @Test
    void foldsDiacriticsComposedAndDecomposed() {
        assertThat(TextNormalizer.normalize("José Núñez")).isEqualTo("jose nunez");
        assertThat(TextNormalizer.normalize("Jose\u0301 Nu\u0303n\u0303ez")).isEqualTo("jose nunez");
    }

    @Test
    void mapsCyrillicAndGreekLookAlikesToLatin() {
        // Cyrillic М а р і а, Greek Ο, Cyrillic Ѕ с х е р
        assertThat(TextNormalizer.normalize("\u041C\u0430r\u0456\u0430 L\u039Fpez")).isEqualTo("maria lopez");
        assertThat(TextNormalizer.normalize("\u0405\u0441\u0445\u0435\u0440")).isEqualTo("scxep");
        assertThat(TextNormalizer.normalize("\u0391\u03BF")).isEqualTo("ao");
    }

    @Test
    void keepsAsciiDigitsAndLettersAsTheyAre() {
        assertThat(TextNormalizer.normalize("0O1lI rn m")).isEqualTo("0o1li rn m");
    }

    @Test
    void nfkcFoldsFullWidthAndLigatures() {
        assertThat(TextNormalizer.normalize("\uFF2D\uFF41\uFF52\uFF49\uFF41 \uFB01le \uFF12\uFF10\uFF12\uFF13")).isEqualTo("maria file 2023");
    }

    @Test
    void germanSharpSIsFullyCaseFolded() {
        assertThat(TextNormalizer.normalize("STRASSE Straße")).isEqualTo("strasse strasse");
    }
}
