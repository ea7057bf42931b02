package org.caseguard.core.policy;

import java.util.Locale;

/** What happens to one recipient: delivered, refused, or delivered under audit where the rule would refuse (NTC-2). */
public enum Outcome {
    DELIVER, REFUSE, AUDIT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
