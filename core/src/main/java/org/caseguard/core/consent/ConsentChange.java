package org.caseguard.core.consent;

import java.time.Instant;
import java.util.Optional;

/** One field of one client's consent record changed: who, when, from what to what (wire form of the field values). */
public record ConsentChange(String clientId, Instant at, String changedBy, String field, Optional<String> oldValue,
                            Optional<String> newValue) {
}
