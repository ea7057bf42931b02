package org.caseguard.core.registry;

public enum CaseStatus {
    OPEN, CLOSED
}
