package org.caseguard.core.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who consented to services and signed the consent form: the client (adult, or minor under own consent, CN-2) or a responsible adult (CN-3). */
public enum ConsentGiver {
    CLIENT, RESPONSIBLE_ADULT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ConsentGiver> parse(String value) {
        String wanted = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(giver -> giver.wire().equalsIgnoreCase(wanted)).findFirst();
    }
}
