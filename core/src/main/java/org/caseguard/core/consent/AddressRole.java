package org.caseguard.core.consent;

/**
 * How an email address relates to a client (see {@link ConsentView#rolesOf(String)}).
 * <ul>
 * <li>{@code CONSENTED}: the exact consented address of a client who consented themselves (CN-4);</li>
 * <li>{@code RESPONSIBLE_ADULT}: the exact consented address of the adult who consented for a minor (CN-3);</li>
 * <li>{@code MINOR}: an address of a minor whose consent came from a responsible adult (CN-3: never mailed);</li>
 * <li>{@code KNOWN}: another address known to be the client's (CN-4: never mailed);</li>
 * <li>{@code VARIANT}: not an address on record, but the same mailbox written differently (plus-address, case of the
 *     local part) as one that is (CN-4: never mailed).</li>
 * </ul>
 */
public record AddressRole(String clientId, Kind kind) {
    public enum Kind {
        CONSENTED, RESPONSIBLE_ADULT, MINOR, KNOWN, VARIANT
    }

    public boolean isConsentedAddress() {
        return kind == Kind.CONSENTED || kind == Kind.RESPONSIBLE_ADULT;
    }
}
