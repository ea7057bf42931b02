package org.caseguard.core.policy;

import java.util.Locale;

/** TAG-3: what a client's full name in the Subject leads to. */
public enum SubjectNameAction {
    WARN, BLOCK;

    public static SubjectNameAction parse(String parameter, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + parameter + "' must be one of warn, block, got '" + value + "'");
        }
    }
}
