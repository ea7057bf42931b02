package org.caseguard.core.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message to or from a client is about, as found in its text by a {@link ContentLabeler}. The first four
 * support the permitted purposes of CN-7; {@code DIAGNOSIS_TREATMENT} is refused to clients (CN-8);
 * {@code PRIVACY_RIGHTS_REQUEST} is a HIPAA privacy-rights request or the serving of one (CN-9, CN-10);
 * {@code CRISIS} marks emergent mail (CN-6).
 */
public enum ContentLabel {
    SCHEDULING, APPOINTMENT_REMINDER, TREATMENT_INSTRUCTION_REMINDER, FACTUAL_INFORMATION,
    DIAGNOSIS_TREATMENT, PRIVACY_RIGHTS_REQUEST, CRISIS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ContentLabel> parse(String value) {
        String wanted = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(label -> label.wire().equalsIgnoreCase(wanted)).findFirst();
    }
}
