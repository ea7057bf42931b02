package org.caseguard.core.registry;

/** FW-4: an external party in the directory, keyed by address (lower-cased domain), with its category. */
public record ExternalParty(String address, PartyCategory category, String displayName) {
}
