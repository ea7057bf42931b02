package org.caseguard.journal.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the retention clock needs to know about a case's clients that only the agency's registry knows: their dates
 * of birth, one element per client (empty when a client's date of birth is not known, which keeps the clock from
 * starting: mail is kept rather than disposed of too early).
 */
@FunctionalInterface
public interface CaseDirectory {
    CaseDirectory NONE = caseId -> List.of();

    List<Optional<LocalDate>> clientBirthDates(String caseId);
}
