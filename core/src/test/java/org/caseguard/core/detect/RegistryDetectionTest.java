package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.core.detect.Fixtures.classifyBody;
import static org.caseguard.core.detect.Fixtures.classifyText;
import static org.caseguard.core.detect.Fixtures.hit;

import java.util.List;
import java.util.Optional;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegistryDetectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"2023-CW-00123", "2023 cw 00123", "2023CW00123", "2023/CW/00123", "2023.cw.00123",
        "(2023-CW-00123)", "re: 2023_CW_00123."})
    void registryCaseNumberMatchesWithAnySeparatorsAndCase(String text) {
        Classification result = classifyBody("Update on " + text + " today");
        assertThat(result.caseNumbers()).containsExactly("2023-CW-00123");
        assertThat(hit(result, "registry-case-number")).get().extracting(DetectorHit::count).isEqualTo(1);
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.CASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12023-CW-00123", "2023-CW-001234", "X2023-CW-00123", "2023-CW-00123B", "2023-CW-0012"})
    void registryCaseNumberNeverMatchesInsideALongerToken(String text) {
        Classification result = classifyBody("Ref " + text + " closed");
        assertThat(result.caseNumbers()).isEmpty();
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void clientIdentifierMatchesLikeACaseNumberAndAddsTheClientsCases() {
        Classification result = classifyBody("Medicaid id mcd 884 120 on file");
        assertThat(hit(result, "client-identifier")).isPresent();
        assertThat(result.clientIds()).containsExactly("c-maria");
        assertThat(result.caseNumbers()).containsExactly("2023-CW-00123");
    }

    @Test
    void fullNameInBothOrdersIsAClientHitAndMapsToTheClientsCases() {
        assertThat(classifyBody("Met Maria Lopez at school").clientIds()).containsExactly("c-maria");
        Classification reversed = classifyBody("Client: LOPEZ, MARIA.");
        assertThat(reversed.clientIds()).containsExactly("c-maria");
        assertThat(reversed.caseNumbers()).containsExactly("2023-CW-00123");
        assertThat(hit(reversed, "client-name")).isPresent();
    }

    @Test
    void nameMustBeWholeWordsOrTheWholeNameRunTogether() {
        assertThat(classifyBody("AnnaMaria Lopezova visited").clientIds()).isEmpty();
        assertThat(classifyBody("Lopezova, Maria visited").clientIds()).isEmpty();
        // run together, as in file names, camel case and hashtags
        assertThat(classifyBody("see mariaLopez.pdf").clientIds()).containsExactly("c-maria");
    }

    @Test
    void twoClientsWithTheSameNameAreBothReferenced() {
        Classification result = classifyBody("Call John Smith back");
        assertThat(result.clientIds()).containsExactlyInAnyOrder("c-john-a", "c-john-b");
        assertThat(result.caseNumbers()).containsExactly("2021-MH-00999");
    }

    @Test
    void bareSurnameIsNoHit() {
        Classification result = classifyBody("Mrs Lopez from the school called about the bus.");
        assertThat(result.clientIds()).isEmpty();
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-03-05", "03/05/2014", "3/5/2014", "March 5, 2014", "5 March 2014", "Mar 5 2014"})
    void surnameWithTheClientsBirthDateNearbyIsAHit(String date) {
        Classification result = classifyBody("The Lopez girl (born " + date + ") moved.");
        assertThat(result.clientIds()).containsExactly("c-maria");
        assertThat(hit(result, "client-name")).get().extracting(DetectorHit::confidence).isEqualTo(0.9);
    }

    @Test
    void surnameWithBirthDateOutsideTheWindowOrWithAnotherDateIsNoHit() {
        String filler = " lorem ipsum dolor".repeat(10);
        assertThat(classifyBody("Lopez" + filler + " born 2014-03-05").clientIds()).isEmpty();
        assertThat(classifyBody("Lopez born 2014-03-06").clientIds()).isEmpty();
        ClassifierConfig wide = ClassifierConfig.builder().dobProximity(500).build();
        assertThat(Fixtures.classifier(wide).classify(ExtractedText.of("", "Lopez" + filler + " born 2014-03-05"))
            .clientIds()).containsExactly("c-maria");
    }

    @Test
    void restrictedCaseReferencedThroughItsClientMakesTheMessageRestricted() {
        Classification result = classifyBody("Jose Nunez has a hearing");
        assertThat(result.caseNumbers()).containsExactly("2022-CW-00077");
        assertThat(result.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(classifyBody("about 2022-CW-00077").sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
    }

    @Test
    void fullNameInSubjectIsReportedForTag3ButCaseNumberIsNot() {
        Classification result = classifyText("Re: Maria Lopez visit 2021-MH-00999", "see notes");
        assertThat(result.subjectClientIds()).containsExactly("c-maria");
        assertThat(result.clientIds()).containsExactly("c-maria");
        assertThat(result.caseNumbers()).containsExactlyInAnyOrder("2023-CW-00123", "2021-MH-00999");
        Classification bodyOnly = classifyText("visit", "Maria Lopez");
        assertThat(bodyOnly.subjectClientIds()).isEmpty();
        assertThat(bodyOnly.clientIds()).containsExactly("c-maria");
    }

    @Test
    void evasionsByUnicodeAreCaught() {
        assertThat(classifyBody("M\u200Baria Lo\u00ADpez").clientIds()).containsExactly("c-maria");
        assertThat(classifyBody("\u041C\u0430r\u0456\u0430 L\u043Ep\u0435z").clientIds()).containsExactly("c-maria");
        assertThat(classifyBody("MARIA LOPEZ").clientIds()).containsExactly("c-maria");
        assertThat(classifyBody("Jos\u00E9 N\u00FA\u00F1ez").clientIds()).containsExactly("c-jose");
        assertThat(classifyBody("\uFF12\uFF10\uFF12\uFF13-\uFF23\uFF37-\uFF10\uFF10\uFF11\uFF12\uFF13").caseNumbers())
            .containsExactly("2023-CW-00123");
    }

    @Test
    void clientWithoutGivenNameIsNotMatchedBySurnameAlone() {
        Client surnameOnly = new Client("c-x", "", "Nguyen", Optional.empty(), List.of());
        DefaultMessageClassifier classifier = DefaultMessageClassifier.forSnapshot(ClassifierConfig.defaults(),
            Fixtures.snapshot(1, List.of(surnameOnly), List.of(new CaseRecord("1", CaseStatus.OPEN, false, List.of()))));
        assertThat(classifier.classify(ExtractedText.of("", "Nguyen called")).clientIds()).isEmpty();
    }

    @Test
    void configuredCaseNumberFormatHitsNumbersNotInTheRegistry() {
        ClassifierConfig config = ClassifierConfig.builder().caseNumberFormats(List.of("\\d{4}-CW-\\d{5}")).build();
        DefaultMessageClassifier classifier = Fixtures.classifier(config);
        for (String text : List.of("case 2024-CW-55555 opened", "case 2024/cw/55555 opened", "case 2024 CW 55555")) {
            Classification result = classifier.classify(ExtractedText.of("", text));
            assertThat(hit(result, "case-number-format")).as(text).get()
                .extracting(DetectorHit::confidence).isEqualTo(0.8);
            assertThat(result.caseNumbers()).isEmpty();
            assertThat(result.sensitivity()).isEqualTo(Sensitivity.CASE);
        }
        assertThat(classifier.classify(ExtractedText.of("", "x 12024-CW-555551")).detectors()).isEmpty();
    }
}
