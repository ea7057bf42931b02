package org.caseguard.server;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two shipped policy pipelines (rules.md, "deployment profiles"): {@code firewall} (source 002: case mail stays
 * inside the agency and its allow-list) and {@code consent} (source 001: the firewall plus email to clients under a
 * signed consent, encrypted, for permitted purposes only, with the automatic replies of CN-6, CN-10 and OPS-2).
 */
public enum CaseguardProfile {
    FIREWALL("mailetcontainer.xml"), CONSENT("mailetcontainer-consent.xml");

    private final String mailetContainer;

    CaseguardProfile(String mailetContainer) {
        this.mailetContainer = mailetContainer;
    }

    String mailetContainer() {
        return mailetContainer;
    }

    public static CaseguardProfile parse(String value) {
        return Arrays.stream(values()).filter(profile -> profile.name().equalsIgnoreCase(value.trim())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("CASEGUARD_PROFILE must be one of firewall, consent; got '" + value + "'"));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
