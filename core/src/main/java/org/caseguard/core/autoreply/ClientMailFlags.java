package org.caseguard.core.autoreply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the inbound stage found about mail from a client (CN-6, CN-10), for the delivery stage to show internal
 * readers; deliberately no client id, no address, no name.
 *
 * @param consentInEffect CN-1 holds for the sender today
 * @param urgent          the content reads as emergent (CN-6): worker and supervisor get it marked urgent
 * @param privacyRequest  the content reads as a privacy-rights request (CN-10)
 */
public record ClientMailFlags(boolean consentInEffect, boolean urgent, boolean privacyRequest) {
    public Map<String, Object> toAttributeMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("consentInEffect", consentInEffect);
        map.put("urgent", urgent);
        map.put("privacyRequest", privacyRequest);
        return map;
    }

    public static ClientMailFlags fromAttributeMap(Map<String, Object> map) {
        return new ClientMailFlags(Boolean.TRUE.equals(map.get("consentInEffect")), Boolean.TRUE.equals(map.get("urgent")),
            Boolean.TRUE.equals(map.get("privacyRequest")));
    }
}
