package org.caseguard.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeclaredPurposeTest {
    @Test
    void cn7SubjectTokenDeclaresThePurposeInAnyCaseAndSpacing() {
        assertThat(DeclaredPurpose.from(Optional.of("Next week [ Purpose : Appointment Reminder ]"), List.of(), List.of(), Map.of()).purpose())
            .contains(Purpose.APPOINTMENT_REMINDER);
    }

    @Test
    void cn7HeaderWinsOverTemplateAndSubject() {
        DeclaredPurpose declared = DeclaredPurpose.from(Optional.of("[purpose: scheduling]"), List.of("factual-information"),
            List.of("reminder-v2"), Map.of("reminder-v2", Purpose.APPOINTMENT_REMINDER));
        assertThat(declared.purpose()).contains(Purpose.FACTUAL_INFORMATION);
    }

    @Test
    void cn7TemplateMapsToItsPurposeAndAnUnknownTemplateIsKeptAsUnknown() {
        Map<String, Purpose> templates = Map.of("reminder-v2", Purpose.APPOINTMENT_REMINDER);
        assertThat(DeclaredPurpose.from(Optional.empty(), List.of(), List.of("reminder-v2"), templates).purpose())
            .contains(Purpose.APPOINTMENT_REMINDER);
        assertThat(DeclaredPurpose.from(Optional.empty(), List.of(), List.of("newsletter"), templates).unknown()).isPresent();
    }

    @Test
    void cn7NothingDeclaredIsNone() {
        assertThat(DeclaredPurpose.from(Optional.of("Hello"), List.of(), List.of(), Map.of()).isDeclared()).isFalse();
    }

    @Test
    void theSubjectTokenIsStrippedForDelivery() {
        assertThat(DeclaredPurpose.stripSubjectToken("Your visit [purpose: scheduling] on Monday")).isEqualTo("Your visit on Monday");
        assertThat(DeclaredPurpose.stripSubjectToken("Plain")).isEqualTo("Plain");
    }
}
