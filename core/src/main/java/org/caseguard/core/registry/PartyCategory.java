package org.caseguard.core.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** FW-4: categories of external parties in the directory; wire form is lower-case with hyphens. */
public enum PartyCategory {
    PROVIDER, TREATMENT_FOSTER_CARE_AGENCY, FOSTER_PARENT, BIRTH_PARENT, CHILD_IN_CARE, ATTORNEY,
    GUARDIAN_AD_LITEM, OTHER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PartyCategory> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(category -> category.name().equals(normalised)).findFirst();
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(PartyCategory::wire).collect(Collectors.joining(", "));
    }
}
