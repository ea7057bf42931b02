package org.caseguard.journal.store;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.caseguard.journal.Hash;
import org.caseguard.journal.LogVerifier;
import org.caseguard.journal.Problem;
import org.caseguard.journal.ProblemKind;
import org.caseguard.journal.StoredEntry;
import org.caseguard.journal.VerificationReport;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.ContentUnavailableException;
import org.caseguard.journal.entry.AccessRecord;
import org.caseguard.journal.entry.CanonicalJson;
import org.caseguard.journal.entry.ContentDigest;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.entry.OutboundCopyRecord;
import org.caseguard.journal.entry.ReceivedRecord;
import org.caseguard.journal.entry.VerdictRecord;

/**
 * The journal's {@code verify} (JRN-4): the log and tree heads ({@link LogVerifier}), then what the log alone
 * cannot see: that each message's stored content still decrypts to the digest its entry recorded, and that the
 * search index (case bindings, content locations) says what the entries say, so an export by case leaves nothing
 * out. Content of destroyed scopes is disposal, not a problem.
 */
public final class JournalVerifier {
    private static final int PAGE = 2_000;

    private final Journal journal;
    private final LogVerifier logVerifier;

    public JournalVerifier(Journal journal, Collection<PublicKey> trustedTreeHeadKeys) {
        this.journal = journal;
        this.logVerifier = new LogVerifier(Hash::sha256, trustedTreeHeadKeys);
    }

    public VerificationReport verify() {
        List<Problem> problems = new ArrayList<>();
        Map<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);
        VerificationReport logReport = logVerifier.verify(journal.leafStore(), new Entries(), journal.leafStore().treeHeads());
        problems.addAll(logReport.problems());
        counts.putAll(logReport.counts());
        checkContentAndIndex(problems, counts);
        return new VerificationReport(logReport.leaves(), logReport.entries(), logReport.disposedEntries(), logReport.treeHeads(), problems, counts);
    }

    private void checkContentAndIndex(List<Problem> problems, Map<ProblemKind, Long> counts) {
        Set<String> caseBindings = new HashSet<>();
        Set<String> accesses = new HashSet<>();
        Set<String> disclosures = new HashSet<>();
        long from = -1;
        while (true) {
            List<Object[]> page = journal.query("SELECT leaf_index, canonical FROM journal_entry WHERE leaf_index > ? AND canonical IS NOT NULL ORDER BY leaf_index",
                List.of(from), rows -> new Object[] {rows.getLong(1), rows.getBytes(2)});
            if (page.isEmpty()) {
                break;
            }
            for (Object[] row : page) {
                long leaf = (Long) row[0];
                JournalRecord record;
                try {
                    record = CanonicalJson.parse((byte[]) row[1]);
                } catch (RuntimeException unreadable) {
                    continue; // an altered entry: the log check has reported it
                }
                if (record instanceof ReceivedRecord received) {
                    checkContent(leaf, received.messageKey(), received.content(), problems, counts);
                } else if (record instanceof OutboundCopyRecord copy) {
                    checkContent(leaf, copy.messageKey(), copy.content(), problems, counts);
                } else if (record instanceof VerdictRecord verdicts) {
                    verdicts.cases().forEach(caseId -> caseBindings.add(verdicts.messageKey() + "\n" + caseId));
                } else if (record instanceof AccessRecord access) {
                    accesses.add(access.messageKey() + "\n" + access.actor() + "\n" + access.action() + "\n" + access.criteria().get("case"));
                    access.messageKeys().forEach(disclosed -> disclosures.add(access.messageKey() + "\n" + disclosed));
                }
                from = leaf;
            }
        }
        compare(accesses, new HashSet<>(journal.query("SELECT access_key, actor, action, case_id FROM journal_access", List.of(),
            rows -> rows.getString(1) + "\n" + rows.getString(2) + "\n" + rows.getString(3) + "\n" + rows.getString(4))),
            "an access recorded in the log is missing from the access index, or altered there (access ",
            "the access index lists an access the log does not record as such (access ", problems, counts);
        compare(disclosures, new HashSet<>(journal.query("SELECT access_key, message_key FROM journal_access_message", List.of(),
            rows -> rows.getString(1) + "\n" + rows.getString(2))),
            "a message an access disclosed is missing from the access index (access ",
            "the access index lists a message the access did not disclose (access ", problems, counts);
        compare(caseBindings, new HashSet<>(journal.query("SELECT message_key, case_id FROM journal_case", List.of(),
            rows -> rows.getString(1) + "\n" + rows.getString(2))),
            "a case binding recorded in the log is missing from the index (message ",
            "the index binds a message to a case the log does not record (message ", problems, counts);
    }

    /**
     * Index rows against the rows the log's records imply, each as text whose first line is the key that names it in
     * a problem (a message or access key, nothing else): rows missing from the index, then rows the log does not imply.
     */
    private void compare(Set<String> inLog, Set<String> inIndex, String missing, String unknown, List<Problem> problems,
                         Map<ProblemKind, Long> counts) {
        for (String row : inLog) {
            if (!inIndex.contains(row)) {
                add(problems, counts, ProblemKind.INDEX_MISMATCH, -1, missing + row.substring(0, row.indexOf('\n')) + ")");
            }
        }
        for (String row : inIndex) {
            if (!inLog.contains(row)) {
                add(problems, counts, ProblemKind.INDEX_MISMATCH, -1, unknown + row.substring(0, row.indexOf('\n')) + ")");
            }
        }
    }

    private void checkContent(long leaf, String messageKey, ContentDigest digest, List<Problem> problems, Map<ProblemKind, Long> counts) {
        List<ContentRef> refs = journal.contentRefs(messageKey);
        if (refs.isEmpty()) {
            add(problems, counts, ProblemKind.MISSING_CONTENT, leaf, "no content location for message " + messageKey);
            return;
        }
        for (ContentRef ref : refs) {
            if (!ref.sha256().equals(digest.sha256())) {
                add(problems, counts, ProblemKind.INDEX_MISMATCH, leaf, "content location under " + ref.scope() + " names another digest than the entry");
                continue;
            }
            if (journal.contentStore().isDestroyed(ref.scope())) {
                continue;
            }
            try {
                journal.contentStore().get(ref);
            } catch (ContentUnavailableException e) {
                ProblemKind kind = e.reason() == ContentUnavailableException.Reason.ALTERED ? ProblemKind.ALTERED_CONTENT : ProblemKind.MISSING_CONTENT;
                add(problems, counts, kind, leaf, "content of message " + messageKey + " under " + ref.scope() + ": " + e.reason());
            }
        }
    }

    private static void add(List<Problem> problems, Map<ProblemKind, Long> counts, ProblemKind kind, long position, String detail) {
        if (counts.merge(kind, 1L, Long::sum) <= LogVerifier.MAX_LISTED_PER_KIND) {
            problems.add(new Problem(kind, position, detail));
        }
    }

    /** The stored entries in leaf order, a page at a time. */
    private final class Entries implements Iterator<StoredEntry> {
        private List<StoredEntry> page = List.of();
        private int next;
        private long after = -1;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = journal.query("SELECT leaf_index, canonical, entry_hash FROM journal_entry WHERE leaf_index > ? ORDER BY leaf_index LIMIT " + PAGE,
                List.of(after), rows -> {
                    byte[] canonical = rows.getBytes(2);
                    return canonical == null ? StoredEntry.disposed(rows.getLong(1), Hash.of(rows.getBytes(3)))
                        : StoredEntry.present(rows.getLong(1), canonical);
                });
            next = 0;
            if (page.size() < PAGE) {
                exhausted = true;
            }
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).index();
            }
            return !page.isEmpty();
        }

        @Override
        public StoredEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++);
        }
    }
}
