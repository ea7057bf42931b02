package org.caseguard.core.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A person in the client registry. {@code identifiers} are other identifiers that identify the client in
 * text (member/Medicaid ID, medical record number, agency person number); each is matched like a case number.
 */
public record Client(String id, String givenName, String familyName, Optional<LocalDate> dateOfBirth,
                     List<String> identifiers) {
    public Client {
        identifiers = List.copyOf(identifiers);
    }

    public String fullName() {
        return givenName + " " + familyName;
    }
}
