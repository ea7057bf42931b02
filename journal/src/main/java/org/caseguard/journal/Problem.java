package org.caseguard.journal;

/**
 * One finding of verification: its kind, the leaf index or tree size it concerns, and a detail made only of
 * indices, sizes and hashes (never entry content, so reports may be logged and shown).
 */
public record Problem(ProblemKind kind, long position, String detail) {
}
