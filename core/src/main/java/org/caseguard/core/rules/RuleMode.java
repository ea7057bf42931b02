package org.caseguard.core.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** NTC-2: a rule is on (enforced), off (not evaluated) or in audit (decided and recorded, not enforced). */
public enum RuleMode {
    ON, OFF, AUDIT;

    public static RuleMode parse(String parameter, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + parameter + "' must be one of "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", got '" + value + "'");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
