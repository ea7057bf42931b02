package org.caseguard.core.consent;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the consent rules (CN-1..CN-10) know about emailing one client; {@code clientId} is the client
 * registry's id. Any part may be missing: a client with known addresses and no consent at all still has a record,
 * so that mail to or from those addresses is recognised as client mail.
 *
 * @param consentedAddress the exact address on the consent form (CN-4), for a client who consented themselves
 * @param responsibleAdult for {@code consentGivenBy = RESPONSIBLE_ADULT}: the only address mail may go to (CN-3)
 * @param knownAddresses   other addresses known to be the client's: never to be mailed (CN-4), recognised inbound (CN-6)
 * @param worker           the agency address of the client's worker, told of inbound requests (CN-6, CN-10)
 * @param supervisor       the agency address copied on emergent inbound mail (CN-6)
 */
public record ConsentRecord(String clientId, Optional<ContactMethod> preferredContact,
                            Optional<ProgramApproval> programApproval,
                            Optional<ClinicianDetermination> clinicianDetermination, Optional<ConsentForm> form,
                            Optional<String> consentedAddress, boolean minor, ConsentGiver consentGivenBy,
                            Optional<ResponsibleAdult> responsibleAdult, Set<Purpose> permittedPurposes,
                            List<String> knownAddresses, Optional<String> worker, Optional<String> supervisor) {
    public ConsentRecord {
        permittedPurposes = Set.copyOf(permittedPurposes);
        knownAddresses = List.copyOf(knownAddresses);
    }

    /** The one address mail to this client may go to under CN-3/CN-4, if any. */
    public Optional<String> addressToMail() {
        return consentGivenBy == ConsentGiver.RESPONSIBLE_ADULT
            ? responsibleAdult.map(ResponsibleAdult::address)
            : consentedAddress;
    }
}
