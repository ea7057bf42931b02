package org.caseguard.core.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the client prefers to be contacted (CN-1c: email must be the client's own choice). */
public enum ContactMethod {
    EMAIL, TELEPHONE, MAIL, IN_PERSON;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ContactMethod> parse(String value) {
        return Arrays.stream(values()).filter(method -> method.wire().equalsIgnoreCase(value == null ? "" : value.trim())).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(ContactMethod::wire).toList());
    }
}
