package org.caseguard.journal;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link LogVerifier#verify}. {@code problems} lists findings in the order found, at most
 * {@link LogVerifier#MAX_LISTED_PER_KIND} per kind; {@code counts} has the full number per kind.
 */
public record VerificationReport(long leaves, long entries, long disposedEntries, int treeHeads, List<Problem> problems, Map<ProblemKind, Long> counts) {
    public VerificationReport {
        problems = List.copyOf(problems);
        counts = Map.copyOf(counts);
    }

    public boolean passed() {
        return counts.isEmpty();
    }

    public long count(ProblemKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public List<Problem> problems(ProblemKind kind) {
        return problems.stream().filter(problem -> problem.kind() == kind).toList();
    }

    /** A plain-text summary, one line per problem; safe to log (indices and hashes only). */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(passed() ? "PASSED" : "FAILED").append(": ").append(leaves).append(" leaves, ").append(entries).append(" entries (")
            .append(disposedEntries).append(" disposed), ").append(treeHeads).append(" tree heads\n");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(count -> text.append(count.getKey()).append(": ").append(count.getValue()).append('\n'));
        for (Problem problem : problems) {
            text.append(problem.kind()).append(" at ").append(problem.position()).append(": ").append(problem.detail()).append('\n');
        }
        return text.toString();
    }
}
