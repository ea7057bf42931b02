package org.caseguard.core.detect;

import java.util.Locale;

/** TAG-1 sensitivity levels, in increasing order. */
public enum Sensitivity {
    NONE, CASE, RESTRICTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sensitivity parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isCaseIdentifying() {
        return this != NONE;
    }
}
