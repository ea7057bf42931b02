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

    @Test
    void greekCapitalsAreJudgedBeforeCaseFoldingAsTheyLook() {
        // Greek capitals Η Ι Ν Υ Β Κ Ρ Τ Χ look like Latin H I N Y B K P T X; their small letters look otherwise
        assertThat(TextNormalizer.normalize("\u0397\u0399\u039D\u03A5\u0392\u039A\u03A1\u03A4\u03A7"))
            .isEqualTo("hinybkptx");
        assertThat(TextNormalizer.normalize("\u039C\u0391RI\u0391 L\u039FPEZ")).isEqualTo("maria lopez");
    }

    @Test
    void lettersOfOtherScriptsWithAnAsciiSkeletonBecomeThatLetter() {
        // Cherokee Ꮇ Ꭺ, Armenian օ, Latin small capital and Cyrillic palochka Ӏ
        assertThat(TextNormalizer.normalize("\u13B7\u13AA")).isEqualTo("ma");
        assertThat(TextNormalizer.normalize("L\u0585pez")).isEqualTo("lopez");
        assertThat(TextNormalizer.normalize("\u04C0ngrid")).isEqualTo("ingrid");
    }

    @Test
    void digitsOfOtherScriptsBecomeAsciiDigits() {
        assertThat(TextNormalizer.normalize("\u0662\u0660\u0662\u0664-CW-\u0966\u0966\u0967\u0968\u0969"))
            .isEqualTo("2024 cw 00123");
    }

    @Test
    void removesEveryDefaultIgnorableAndBidiControl() {
        // word joiner, variation selector, bidi isolates and marks, Mongolian vowel separator, tag characters
        assertThat(TextNormalizer.normalize("Ma\u2066ri\u2069a\uFE0F Lo\u200Ep\u180Eez\uDB40\uDC41"))
            .isEqualTo("maria lopez");
    }
}
