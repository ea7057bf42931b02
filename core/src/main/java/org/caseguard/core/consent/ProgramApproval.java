package org.caseguard.core.consent;

import java.time.LocalDate;

/** CN-1a: the program manager (or higher) approved email use for the client's program. */
public record ProgramApproval(String program, String approvedBy, LocalDate approvedOn) {
}
