package org.caseguard.core.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** CN-7: the only purposes for which a client may be emailed (source 001, item 7 a-d). */
public enum Purpose {
    SCHEDULING(ContentLabel.SCHEDULING),
    APPOINTMENT_REMINDER(ContentLabel.APPOINTMENT_REMINDER),
    TREATMENT_INSTRUCTION_REMINDER(ContentLabel.TREATMENT_INSTRUCTION_REMINDER),
    FACTUAL_INFORMATION(ContentLabel.FACTUAL_INFORMATION);

    private final ContentLabel label;

    Purpose(ContentLabel label) {
        this.label = label;
    }

    /** The content label that supports this purpose when the sender declares it. */
    public ContentLabel label() {
        return label;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Purpose> parse(String value) {
        String wanted = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(purpose -> purpose.wire().equalsIgnoreCase(wanted)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Purpose::wire).toList());
    }
}
