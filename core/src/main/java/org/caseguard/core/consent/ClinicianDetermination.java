package org.caseguard.core.consent;

import java.time.LocalDate;

/** CN-1b: the clinician recorded, by clinical judgement, that email is the appropriate method for this client. */
public record ClinicianDetermination(String clinician, LocalDate determinedOn) {
}
