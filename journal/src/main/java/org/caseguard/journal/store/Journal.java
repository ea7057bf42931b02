package org.caseguard.journal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.caseguard.journal.Hash;
import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.MerkleLog;
import org.caseguard.journal.SignedTreeHead;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentUnavailableException;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.entry.CanonicalJson;
import org.caseguard.journal.entry.ContentDigest;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.entry.OutboundCopyRecord;
import org.caseguard.journal.entry.ReceivedRecord;
import org.caseguard.journal.entry.VerdictRecord;

/**
 * The journal (JRN-1..4): records what the server received, decided and sent, each record a leaf of the Merkle log
 * with its index rows in the same transaction, and the exact bytes in the content store under scoped keys.
 * Every record method returns only once the record is durable, and throws {@link JournalUnavailableException}
 * otherwise, so that the caller can fail closed (JRN-2). Safe for concurrent use; concurrent records share commits.
 */
public final class Journal implements AutoCloseable {
    public static final String SOURCE_SPOOL = "spool";
    

    private final JdbcLeafStore leafStore;
    private final DataSource dataSource;
    private final ContentStore content;
    private final GroupCommitter committer;
    private final Clock clock;
    private final Duration commitTimeout;

    private Journal(JdbcLeafStore leafStore, ContentStore content, Clock clock, Duration commitTimeout) {
        this.leafStore = Objects.requireNonNull(leafStore, "leafStore");
        this.dataSource = leafStore.dataSource();
        this.content = Objects.requireNonNull(content, "content");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commitTimeout = Objects.requireNonNull(commitTimeout, "commitTimeout");
        this.committer = new GroupCommitter(MerkleLog.open(leafStore));
    }

    /** A journal on a migrated JDBC leaf store (schema V1, V2) and a content store; closing it closes neither. */
    public static Journal open(JdbcLeafStore leafStore, ContentStore content, Clock clock) {
        return new Journal(leafStore, content, clock, Duration.ofSeconds(30));
    }

    /**
     * JRN-1: records a message as received, before anything processes it, and returns its message key. A mail name
     * already journaled returns the key it got then, recording nothing (a retried message is journaled once).
     */
    public String recordReceived(Optional<String> mailName, Envelope envelope, byte[] exactBytes, String source) {
        if (mailName.isPresent()) {
            Optional<String> existing = keyForMailName(mailName.get());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        String key = newKey();
        ContentRef ref = put(IndexRows.receiptScope(envelope.receivedAt()), exactBytes);
        ReceivedRecord record = new ReceivedRecord(key, clock.instant(), envelope, new ContentDigest(ref.sha256(), ref.size()), source);
        append(record, mailName, List.of(ref));
        return key;
    }

    /**
     * JRN-1, JRN-3: records what a stage decided. The message's bytes are also kept under the key of each case it is
     * bound to, so that disposing of a case destroys its copies (JRN-6).
     */
    public void recordVerdicts(VerdictRecord record) {
        List<ContentRef> caseCopies = new ArrayList<>();
        if (!record.cases().isEmpty()) {
            byte[] bytes = content(record.messageKey());
            for (String caseId : record.cases()) {
                caseCopies.add(put(KeyScope.forCase(caseId), bytes));
            }
        }
        append(record, Optional.empty(), caseCopies);
    }

    /**
     * JRN-1: records a copy that left in another form (an S/MIME copy for one recipient), linked to the original,
     * kept under the original's case keys, or its receipt day if it has no case. Idempotent per mail name.
     */
    public String recordOutboundCopy(Optional<String> mailName, String originalKey, List<String> recipients, String protection,
                                     byte[] exactBytes) {
        if (mailName.isPresent()) {
            Optional<String> existing = keyForMailName(mailName.get());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        String key = newKey();
        List<KeyScope> scopes = caseScopes(originalKey);
        if (scopes.isEmpty()) {
            scopes = List.of(IndexRows.receiptScope(clock.instant()));
        }
        List<ContentRef> refs = new ArrayList<>();
        for (KeyScope scope : scopes) {
            refs.add(put(scope, exactBytes));
        }
        ContentRef first = refs.get(0);
        append(new OutboundCopyRecord(key, clock.instant(), originalKey, recipients, protection,
            new ContentDigest(first.sha256(), first.size())), mailName, refs);
        return key;
    }

    /** The exact bytes of a journaled message, from whichever of its copies can still be read. */
    public byte[] content(String messageKey) {
        List<ContentRef> refs = contentRefs(messageKey);
        if (refs.isEmpty()) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "journal: no content recorded for message " + messageKey);
        }
        ContentUnavailableException last = null;
        for (ContentRef ref : refs) {
            try {
                return content.get(ref);
            } catch (ContentUnavailableException e) {
                if (e.reason() == ContentUnavailableException.Reason.STORE_FAILURE) {
                    throw new JournalUnavailableException("journal: content store unavailable", e);
                }
                last = e;
            }
        }
        throw last;
    }

    public Optional<String> keyForMailName(String mailName) {
        return query("SELECT message_key FROM journal_message WHERE mail_name = ?", List.of(mailName), rows -> rows.getString(1))
            .stream().findFirst();
    }

    /** Every record of a message, in log order. */
    public List<JournalRecord> records(String messageKey) {
        return query("SELECT canonical FROM journal_entry WHERE message_key = ? AND canonical IS NOT NULL ORDER BY leaf_index",
            List.of(messageKey), rows -> CanonicalJson.parse(rows.getBytes(1)));
    }

    /** JRN-3: the keys of the messages bound to a case, and the copies made of them, in order of receipt. */
    public List<String> messagesOfCase(String caseId) {
        return search(JournalSearch.ofCase(caseId)).stream().map(MessageSummary::messageKey).toList();
    }

    /** A message as search lists it. */
    public record MessageSummary(String messageKey, java.time.Instant receivedAt, Optional<String> originalKey, long size) {
    }

    /** Messages matching every criterion, in order of receipt; copies of a matching original are listed too. */
    public List<MessageSummary> search(JournalSearch search) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        search.caseId().ifPresent(caseId -> {
            where.append(" AND (m.message_key IN (SELECT message_key FROM journal_case WHERE case_id = ?)"
                + " OR m.original_key IN (SELECT message_key FROM journal_case WHERE case_id = ?))");
            parameters.add(caseId);
            parameters.add(caseId);
        });
        search.clientId().ifPresent(clientId -> {
            where.append(" AND (m.message_key IN (SELECT message_key FROM journal_client WHERE client_id = ?)"
                + " OR m.original_key IN (SELECT message_key FROM journal_client WHERE client_id = ?))");
            parameters.add(clientId);
            parameters.add(clientId);
        });
        search.participant().ifPresent(address -> {
            where.append(" AND m.message_key IN (SELECT message_key FROM journal_participant WHERE address = ?)");
            parameters.add(address);
        });
        search.rule().ifPresent(rule -> {
            where.append(" AND m.message_key IN (SELECT message_key FROM journal_verdict WHERE rule_id = ?)");
            parameters.add(rule);
        });
        search.from().ifPresent(from -> {
            where.append(" AND m.received_at >= ?");
            parameters.add(from.toEpochMilli());
        });
        search.to().ifPresent(to -> {
            where.append(" AND m.received_at < ?");
            parameters.add(to.toEpochMilli());
        });
        return query("SELECT m.message_key, m.received_at, m.original_key, m.content_size FROM journal_message m" + where
                + " ORDER BY m.received_leaf LIMIT " + search.limit(), parameters,
            rows -> new MessageSummary(rows.getString(1), java.time.Instant.ofEpochMilli(rows.getLong(2)),
                Optional.ofNullable(rows.getString(3)), rows.getLong(4)));
    }

    public List<ContentRef> contentRefs(String messageKey) {
        return query("SELECT key_scope, sha256, size FROM journal_content WHERE message_key = ? ORDER BY key_scope", List.of(messageKey),
            rows -> new ContentRef(new KeyScope(rows.getString(1)), Hash.of(rows.getBytes(2)), rows.getLong(3)));
    }

    public long size() {
        return committer.log().size();
    }

    public MerkleLog log() {
        return committer.log();
    }

    public JdbcLeafStore leafStore() {
        return leafStore;
    }

    public ContentStore contentStore() {
        return content;
    }

    /** Signs and stores a tree head over the log as it is now, unless one for this size exists already. */
    public Optional<SignedTreeHead> signTreeHead(TreeHeadSigner signer) {
        MerkleLog log = committer.log();
        Optional<SignedTreeHead> latest = leafStore.latestTreeHead();
        var state = log.state();
        if (latest.isPresent() && latest.get().treeSize() >= state.treeSize()) {
            return Optional.empty();
        }
        SignedTreeHead head = signer.sign(state);
        leafStore.addTreeHead(head);
        return Optional.of(head);
    }

    private List<KeyScope> caseScopes(String messageKey) {
        return query("SELECT case_id FROM journal_case WHERE message_key = ? ORDER BY case_id", List.of(messageKey),
            rows -> KeyScope.forCase(rows.getString(1)));
    }

    private ContentRef put(KeyScope scope, byte[] bytes) {
        try {
            return content.put(scope, bytes);
        } catch (ContentUnavailableException e) {
            throw new JournalUnavailableException("journal: content could not be stored under " + scope + " (" + e.reason() + ")", e);
        } catch (RuntimeException e) {
            throw new JournalUnavailableException("journal: content store failed", e);
        }
    }

    private void append(JournalRecord record, Optional<String> mailName, List<ContentRef> refs) {
        byte[] canonical = CanonicalJson.bytes(record);
        CompletableFuture<Long> leaf = committer.submit(new GroupCommitter.Pending(record, canonical, CanonicalJson.entryHash(canonical),
            mailName, refs, new CompletableFuture<>()));
        try {
            leaf.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new JournalUnavailableException("journal: the index could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new JournalUnavailableException("journal: no commit within " + commitTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("journal: interrupted while committing", e);
        }
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    <T> List<T> query(String sql, List<Object> parameters, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<T> results = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    results.add(mapper.map(rows));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new JournalUnavailableException("journal: the index could not be read", e);
        }
    }

    @Override
    public void close() {
        committer.close();
    }
}
