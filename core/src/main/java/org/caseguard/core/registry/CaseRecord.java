package org.caseguard.core.registry;

import java.util.List;

/** A case: its number, whether it is open, whether it is restricted (sensitivity "restricted"), its clients. */
public record CaseRecord(String number, CaseStatus status, boolean restricted, List<String> clientIds) {
    public CaseRecord {
        clientIds = List.copyOf(clientIds);
    }
}
