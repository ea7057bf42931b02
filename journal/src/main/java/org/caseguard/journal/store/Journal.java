package org.caseguard.journal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
import org.caseguard.journal.entry.AccessRecord;
import org.caseguard.journal.entry.CanonicalJson;
import org.caseguard.journal.entry.ContentDigest;
import org.caseguard.journal.entry.DisposalRecord;
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
    private static final java.security.SecureRandom KEY_RANDOM = new java.security.SecureRandom();
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(Journal.class);
    public static final String SOURCE_SPOOL = "spool";
    

    private final JdbcLeafStore leafStore;
    private final DataSource dataSource;
    private final ReceiptKeys receiptKeys;
    /** Derived from the master key on first use (the same on every start); computing it twice is harmless. */
    private volatile javax.crypto.SecretKey searchKey;
    private final ContentStore content;
    private final GroupCommitter committer;
    private final BlobSweeper sweeper;
    private final Clock clock;
    private final Duration commitTimeout;
    /** Recording holds it shared, disposal exclusively: a scope is never destroyed while content is on its way into it. */
    private final ReentrantReadWriteLock disposal = new ReentrantReadWriteLock();

    private Journal(JdbcLeafStore leafStore, ContentStore content, Clock clock, Duration commitTimeout) {
        this.leafStore = Objects.requireNonNull(leafStore, "leafStore");
        this.dataSource = leafStore.dataSource();
        this.content = Objects.requireNonNull(content, "content");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commitTimeout = Objects.requireNonNull(commitTimeout, "commitTimeout");
        this.receiptKeys = new ReceiptKeys(content, Journal::newKey, disposal.readLock());
        this.sweeper = new BlobSweeper(dataSource, content, clock, disposal.writeLock());
        this.committer = GroupCommitter.start(MerkleLog.open(leafStore), leafStore.writeAheadLog());
        if (leafStore.writeAheadLog().isPresent()) {
            // New content keys ride with the group commit and its log, instead of forcing the whole database to disk each.
            content.logKeysThrough(Optional.of(this::commitKeys));
        }
        int indexed = indexEarlierAccesses();
        if (indexed > 0) {
            LOGGER.info("caseguard journal: {} access records from before the access index were indexed rule=JRN-7", indexed);
        }
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
        return whileNotDisposing(() -> {
            if (mailName.isPresent()) {
                Optional<String> existing = keyForMailName(mailName.get());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            String key = receiptKeys.next();
            ContentRef ref = put(KeyScope.forMessage(key), exactBytes);
            ReceivedRecord record = new ReceivedRecord(key, clock.instant(), envelope, new ContentDigest(ref.sha256(), ref.size()), source);
            append(record, mailName, List.of(ref));
            return key;
        });
    }

    /**
     * JRN-1, JRN-3: records what a stage decided. The message's bytes are then kept under the key of each case it is
     * bound to, so that disposing of a case destroys its copies (JRN-6) and a case's shared content is stored once,
     * and no longer under the message's own receipt key, which held them only until the cases were known.
     */
    public void recordVerdicts(VerdictRecord record) {
        recordVerdicts(record, Optional.empty());
    }

    /**
     * JRN-1, JRN-3: records the verdicts and indexes the message's words (normalised by the caller) in the same commit,
     * replacing what was indexed before for the message, so a stage that runs again indexes nothing twice. Words are
     * kept as keyed hashes, never the words: whoever reads the database sees which messages share a word, not the word.
     */
    public void recordVerdicts(VerdictRecord record, Collection<String> words) {
        Set<String> distinct = new LinkedHashSet<>(words);
        IndexRows.checkTermCount(distinct.size()); // before the group commit, where it would fail other messages' records too
        recordVerdicts(record, Optional.of(termHashes(distinct)));
    }

    private void recordVerdicts(VerdictRecord record, Optional<List<byte[]>> terms) {
        whileNotDisposing(() -> {
            List<ContentRef> caseCopies = new ArrayList<>();
            if (!record.cases().isEmpty()) {
                byte[] bytes = content(record.messageKey());
                for (String caseId : record.cases()) {
                    caseCopies.add(put(activeCaseScope(caseId), bytes));
                }
            }
            append(record, Optional.empty(), caseCopies, terms);
            if (!caseCopies.isEmpty()) {
                removeReleasedReceipt(record.messageKey());
            }
            return null;
        });
    }

    /**
     * The receipt copy's key went in the commit of the case copies (see {@link IndexRows}); its blobs go now. On a
     * failure, or a crash in between, they stay, unreadable.
     */
    private void removeReleasedReceipt(String messageKey) {
        try {
            content.removeDestroyed(KeyScope.forMessage(messageKey));
        } catch (RuntimeException e) {
            LOGGER.warn("caseguard journal: blobs of a released receipt copy not removed, they stay unreadable rule=JRN-7 key={} ({})",
                messageKey, e.getClass().getSimpleName());
        }
    }

    private javax.crypto.SecretKey searchKey() {
        javax.crypto.SecretKey key = searchKey;
        if (key == null) {
            key = content.derivedKey("caseguard-journal-search-v1");
            searchKey = key;
        }
        return key;
    }

    /**
     * The keyed hashes (hex, sorted) under which these normalised words are indexed: what an access record keeps of
     * a full-text search instead of the words.
     */
    public List<String> termDigests(Collection<String> words) {
        return termHashes(new LinkedHashSet<>(words)).stream().map(hash -> java.util.HexFormat.of().formatHex(hash)).sorted().toList();
    }

    private List<byte[]> termHashes(Collection<String> words) {
        if (words.isEmpty()) {
            return List.of();
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(searchKey());
            List<byte[]> hashes = new ArrayList<>(words.size());
            for (String word : words) {
                hashes.add(java.util.Arrays.copyOf(mac.doFinal(word.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 16));
            }
            return hashes;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute HmacSHA256", e);
        }
    }

    /**
     * JRN-1: records a copy that left in another form (an S/MIME copy for one recipient), linked to the original,
     * kept under the original's case keys, or its receipt day if it has no case. Idempotent per mail name.
     */
    public String recordOutboundCopy(Optional<String> mailName, String originalKey, List<String> recipients, String protection,
                                     byte[] exactBytes) {
        return whileNotDisposing(() -> {
            if (mailName.isPresent()) {
                Optional<String> existing = keyForMailName(mailName.get());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            String key = newKey();
            List<KeyScope> scopes = caseScopes(originalKey);
            if (scopes.isEmpty()) {
                scopes = List.of(KeyScope.forMessage(key));
            }
            List<ContentRef> refs = new ArrayList<>();
            for (KeyScope scope : scopes) {
                refs.add(put(scope, exactBytes));
            }
            ContentRef first = refs.get(0);
            append(new OutboundCopyRecord(key, clock.instant(), originalKey, recipients, protection,
                new ContentDigest(first.sha256(), first.size())), mailName, refs);
            return key;
        });
    }

    /**
     * JRN-7: records who searched, viewed, exported or verified what, before the answer is given; returns the access
     * record's key. Throws {@link JournalUnavailableException} when it cannot be recorded: the caller then refuses to
     * answer.
     */
    public String recordAccess(String actor, String action, Map<String, String> criteria, List<String> disclosedKeys) {
        String key = newKey();
        append(new AccessRecord(key, clock.instant(), actor, action, criteria, disclosedKeys), Optional.empty(), List.of());
        return key;
    }

    /** An access as the audit lists it; the whole record (criteria, every message disclosed) is under its key. */
    public record AccessSummary(String accessKey, java.time.Instant recordedAt, String actor, String action, Optional<String> caseId,
                                int messagesDisclosed) {
    }

    /**
     * JRN-7: the accesses matching every criterion given, newest first: by actor; by case (asked for, or any message
     * of it disclosed while it was bound); by a message disclosed; by time.
     */
    public List<AccessSummary> accesses(Optional<String> actor, Optional<String> caseId, Optional<String> messageKey,
                                        Optional<java.time.Instant> from, Optional<java.time.Instant> to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT a.access_key, a.recorded_at, a.actor, a.action, a.case_id, "
            + "(SELECT COUNT(*) FROM journal_access_message n WHERE n.access_key = a.access_key) FROM journal_access a WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        actor.ifPresent(value -> {
            sql.append(" AND a.actor = ?");
            parameters.add(value);
        });
        caseId.ifPresent(value -> {
            sql.append(" AND (a.case_id = ? OR a.access_key IN (SELECT am.access_key FROM journal_case c "
                + "JOIN journal_access_message am ON am.message_key = c.message_key WHERE c.case_id = ?))");
            parameters.add(value);
            parameters.add(value);
        });
        messageKey.ifPresent(value -> {
            sql.append(" AND a.access_key IN (SELECT access_key FROM journal_access_message WHERE message_key = ?)");
            parameters.add(value);
        });
        from.ifPresent(value -> {
            sql.append(" AND a.recorded_at >= ?");
            parameters.add(value.toEpochMilli());
        });
        to.ifPresent(value -> {
            sql.append(" AND a.recorded_at < ?");
            parameters.add(value.toEpochMilli());
        });
        sql.append(" ORDER BY a.leaf_index DESC LIMIT ").append(limit);
        return query(sql.toString(), parameters, rows -> new AccessSummary(rows.getString(1), java.time.Instant.ofEpochMilli(rows.getLong(2)),
            rows.getString(3), rows.getString(4), Optional.ofNullable(rows.getString(5)), rows.getInt(6)));
    }

    /**
     * Indexes the access records written before the access index existed (schema V8), in one transaction before any new
     * access is recorded: once the index holds a row, every earlier record is in it, and start-up reads nothing more.
     * Returns how many it indexed.
     */
    int indexEarlierAccesses() {
        if (!query("SELECT 1 FROM journal_access LIMIT 1", List.of(), rows -> Boolean.TRUE).isEmpty()) {
            return 0;
        }
        List<Object[]> missing = query("SELECT leaf_index, canonical FROM journal_entry WHERE kind = 'access' AND canonical IS NOT NULL ORDER BY leaf_index", List.of(),
            rows -> new Object[] {rows.getLong(1), rows.getBytes(2)});
        if (missing.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Object[] entry : missing) {
                    IndexRows.accessRows(connection, (Long) entry[0], (AccessRecord) CanonicalJson.parse((byte[]) entry[1]));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("journal: earlier access records could not be indexed", e);
        }
        return missing.size();
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

    /** JRN-3: every message bound to the case and every copy made of one, in order of receipt, without limit. */
    public List<String> allMessagesOfCase(String caseId) {
        // Through the case's bindings, as search does: an OR of two IN-subqueries scans every message.
        return query("SELECT m.message_key FROM ("
                + "SELECT mc.message_key, mc.received_leaf, mc.disposed_run FROM journal_case c JOIN journal_message mc ON mc.message_key = c.message_key WHERE c.case_id = ?"
                + " UNION ALL SELECT mo.message_key, mo.received_leaf, mo.disposed_run FROM journal_case c JOIN journal_message mo ON mo.original_key = c.message_key WHERE c.case_id = ?"
                + ") m WHERE m.disposed_run IS NULL GROUP BY m.message_key, m.received_leaf ORDER BY m.received_leaf", List.of(caseId, caseId), rows -> rows.getString(1));
    }

    /** Summaries of the given messages, in the order given; keys without a message are left out. */
    public List<MessageSummary> summaries(List<String> messageKeys) {
        Map<String, MessageSummary> byKey = new java.util.HashMap<>();
        for (List<String> chunk : chunks(messageKeys)) {
            for (MessageSummary summary : query("SELECT message_key, received_at, original_key, content_size FROM journal_message WHERE message_key IN ("
                    + placeholders(chunk.size()) + ")", new ArrayList<>(chunk),
                rows -> new MessageSummary(rows.getString(1), java.time.Instant.ofEpochMilli(rows.getLong(2)), Optional.ofNullable(rows.getString(3)), rows.getLong(4)))) {
                byKey.put(summary.messageKey(), summary);
            }
        }
        return messageKeys.stream().map(byKey::get).filter(Objects::nonNull).toList();
    }

    /**
     * Every entry recorded under these keys with its canonical bytes (empty once disposed), by key, each key's in log
     * order: what an export needs, in one query per {@value #IN_CHUNK} keys rather than two per entry.
     */
    public Map<String, List<RecordedEntry>> entriesOf(List<String> keys) {
        Map<String, List<RecordedEntry>> entries = new java.util.LinkedHashMap<>();
        for (List<String> chunk : chunks(keys)) {
            for (Map.Entry<String, RecordedEntry> row : query("SELECT message_key, leaf_index, kind, entry_hash, canonical FROM journal_entry "
                    + "WHERE message_key IN (" + placeholders(chunk.size()) + ") ORDER BY leaf_index", new ArrayList<>(chunk),
                rows -> Map.entry(rows.getString(1), new RecordedEntry(new LeafEntry(rows.getLong(2), rows.getString(3), Hash.of(rows.getBytes(4))),
                    Optional.ofNullable(rows.getBytes(5)))))) {
                entries.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue());
            }
        }
        return entries;
    }

    /** An entry with its canonical bytes as hashed into the log; empty once disposal removed them. */
    public record RecordedEntry(LeafEntry leaf, Optional<byte[]> canonical) {
    }

    private static final int IN_CHUNK = 500;

    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** A message as search lists it. */
    public record MessageSummary(String messageKey, java.time.Instant receivedAt, Optional<String> originalKey, long size) {
    }

    /** Messages matching every criterion, in order of receipt; copies of a matching original are listed too. */
    public List<MessageSummary> search(JournalSearch search) {
        StringBuilder where = new StringBuilder(" WHERE m.disposed_run IS NULL");
        List<Object> parameters = new ArrayList<>();
        // A case is found through its bindings (indexed by case), then the messages and their copies by key: an OR
        // of two IN-subqueries made both H2 and PostgreSQL scan every message.
        String source = search.caseId().isPresent()
            ? "(SELECT mc.* FROM journal_case c JOIN journal_message mc ON mc.message_key = c.message_key WHERE c.case_id = ?"
                + " UNION ALL SELECT mo.* FROM journal_case c JOIN journal_message mo ON mo.original_key = c.message_key WHERE c.case_id = ?) m"
            : "journal_message m";
        search.caseId().ifPresent(caseId -> {
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
        for (byte[] term : termHashes(search.words())) {
            where.append(" AND m.message_key IN (SELECT e.message_key FROM journal_posting p JOIN journal_entry e ON e.leaf_index = p.id / "
                + IndexRows.POSTINGS_PER_MESSAGE + " WHERE p.term = ?)");
            parameters.add(term);
        }
        search.from().ifPresent(from -> {
            where.append(" AND m.received_at >= ?");
            parameters.add(from.toEpochMilli());
        });
        search.to().ifPresent(to -> {
            where.append(" AND m.received_at < ?");
            parameters.add(to.toEpochMilli());
        });
        return query("SELECT m.message_key, m.received_at, m.original_key, m.content_size FROM " + source + where
                + " ORDER BY m.received_leaf LIMIT " + search.limit(), parameters,
            rows -> new MessageSummary(rows.getString(1), java.time.Instant.ofEpochMilli(rows.getLong(2)),
                Optional.ofNullable(rows.getString(3)), rows.getLong(4)));
    }

    /** One leaf of a message: what a disposal certificate or an export names. */
    public record LeafEntry(long leafIndex, String kind, Hash entryHash) {
    }

    /** The leaves recorded under a key (a message, an access, a disposal), in log order; disposed ones included. */
    public List<LeafEntry> leafEntries(String key) {
        return query("SELECT leaf_index, kind, entry_hash FROM journal_entry WHERE message_key = ? ORDER BY leaf_index", List.of(key),
            rows -> new LeafEntry(rows.getLong(1), rows.getString(2), Hash.of(rows.getBytes(3))));
    }

    /** JRN-6: the disposal run that destroyed the message's content, if one did. */
    public Optional<String> disposedBy(String messageKey) {
        return query("SELECT disposed_run FROM journal_message WHERE message_key = ? AND disposed_run IS NOT NULL", List.of(messageKey),
            rows -> rows.getString(1)).stream().findFirst();
    }

    /** The outbound copies made of a message, in order of recording. */
    public List<String> copiesOf(String originalKey) {
        return query("SELECT message_key FROM journal_message WHERE original_key = ? ORDER BY received_leaf", List.of(originalKey),
            rows -> rows.getString(1));
    }

    /**
     * JRN-6: destroys the content of these messages for good and keeps their leaves. In one transaction their entries
     * lose their canonical text (the entry hash stays, so every proof still holds) and their index rows go (addresses,
     * cases, verdicts, content locations); the message row stays, marked with the run. Then every key scope left
     * without content has its key destroyed, and blobs no longer referenced are removed. New content waits meanwhile.
     */
    public void destroyMessages(Collection<String> messageKeys, String runId) {
        disposal.writeLock().lock();
        try {
            receiptKeys.discard(); // the sweep below destroys their keys: they hold no content
            removeFromIndex(messageKeys, runId);
            destroyPendingContent(runId);
        } finally {
            disposal.writeLock().unlock();
        }
    }

    /**
     * JRN-6: finishes what a disposal run interrupted after its index transaction left to do (blobs, scope keys).
     * Nothing happens for a run that has nothing pending; running it twice is harmless.
     */
    public void finishDestruction(String runId) {
        disposal.writeLock().lock();
        try {
            destroyPendingContent(runId);
        } finally {
            disposal.writeLock().unlock();
        }
    }

    /** The runs whose index transaction committed and whose content destruction has not finished. */
    public List<String> runsWithPendingDestruction() {
        return query("SELECT DISTINCT run_id FROM journal_disposal_pending ORDER BY run_id", List.of(), rows -> rows.getString(1));
    }

    /** How many messages a disposal run has removed from the index (it marks them with its id in that transaction). */
    public int messagesDisposedBy(String runId) {
        return query("SELECT COUNT(*) FROM journal_message WHERE disposed_run = ?", List.of(runId), rows -> rows.getInt(1)).get(0);
    }

    private void destroyPendingContent(String runId) {
        List<ContentRef> pending = query("SELECT key_scope, sha256, size FROM journal_disposal_pending WHERE run_id = ? ORDER BY key_scope, sha256",
            List.of(runId), rows -> new ContentRef(new KeyScope(rows.getString(1)), Hash.of(rows.getBytes(2)), rows.getLong(3)));
        Set<KeyScope> emptied = new LinkedHashSet<>();
        for (ContentRef ref : pending) {
            if (stillReferenced("SELECT 1 FROM journal_content WHERE key_scope = ?", List.of(ref.scope().value()))) {
                if (!stillReferenced("SELECT 1 FROM journal_content WHERE key_scope = ? AND sha256 = ?", List.of(ref.scope().value(), ref.sha256().bytes()))) {
                    content.delete(ref);
                }
            } else {
                emptied.add(ref.scope());
            }
        }
        emptied.addAll(query("SELECT k.key_scope FROM journal_content_key k WHERE k.wrapped_key IS NOT NULL AND NOT EXISTS "
            + "(SELECT 1 FROM journal_content c WHERE c.key_scope = k.key_scope)", List.of(), rows -> new KeyScope(rows.getString(1))));
        for (KeyScope scope : emptied) {
            content.destroyScope(scope);
        }
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "DELETE FROM journal_disposal_pending WHERE run_id = ?", runId);
        } catch (SQLException e) {
            throw new JournalUnavailableException("journal: disposal could not record that its content is destroyed", e);
        }
    }

    /** JRN-6: appends a disposal run's record, binding its certificate into the log. */
    public void recordDisposal(DisposalRecord record) {
        append(record, Optional.empty(), List.of());
    }

    private boolean stillReferenced(String sql, List<Object> parameters) {
        return !query(sql, parameters, rows -> Boolean.TRUE).isEmpty();
    }

    private void removeFromIndex(Collection<String> messageKeys, String runId) {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String key : messageKeys) {
                    // What the run must destroy, kept until it is destroyed (a key and digest shared by two messages once).
                    update(connection, "INSERT INTO journal_disposal_pending (run_id, key_scope, sha256, size) SELECT ?, c.key_scope, c.sha256, c.size "
                        + "FROM journal_content c WHERE c.message_key = ? AND NOT EXISTS (SELECT 1 FROM journal_disposal_pending p "
                        + "WHERE p.run_id = ? AND p.key_scope = c.key_scope AND p.sha256 = c.sha256)", runId, key, runId);
                    update(connection, "UPDATE journal_entry SET canonical = NULL, disposed_at = ? WHERE message_key = ? AND canonical IS NOT NULL", now, key);
                    for (String table : List.of("journal_participant", "journal_case", "journal_client", "journal_verdict", "journal_content")) {
                        update(connection, "DELETE FROM " + table + " WHERE message_key = ?", key);
                    }
                    IndexRows.removeTerms(connection, key);
                    update(connection, "UPDATE journal_message SET disposed_run = ? WHERE message_key = ?", runId, key);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("journal: disposal could not update the index", e);
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
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

    /**
     * JRN-6, JRN-7: removes the blobs destroyed scopes left behind (see {@link BlobSweeper}); run in the background, at
     * start and hourly by the server.
     */
    public BlobSweeper.Sweep sweepDestroyedContent() {
        return sweeper.sweep();
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
            rows -> activeCaseScope(rows.getString(1)));
    }

    /** The case's scope for new content: the first generation whose key has not been destroyed by a disposal. */
    private KeyScope activeCaseScope(String caseId) {
        int generation = 1;
        KeyScope scope = KeyScope.forCase(caseId);
        while (content.isDestroyed(scope)) {
            scope = KeyScope.forCase(caseId, ++generation);
        }
        return scope;
    }

    private <T> T whileNotDisposing(java.util.function.Supplier<T> recording) {
        disposal.readLock().lock();
        try {
            return recording.get();
        } finally {
            disposal.readLock().unlock();
        }
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

    /** New content keys, committed with the next group commit (and its write-ahead log frame); durable on return. */
    private Set<KeyScope> commitKeys(List<org.caseguard.journal.content.ScopeRows.KeyRow> rows) {
        try {
            return committer.submitKeys(rows).get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys could not be created", e.getCause());
        } catch (TimeoutException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys: no commit within " + commitTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys: interrupted while committing", e);
        }
    }

    private void append(JournalRecord record, Optional<String> mailName, List<ContentRef> refs) {
        append(record, mailName, refs, Optional.empty());
    }

    private void append(JournalRecord record, Optional<String> mailName, List<ContentRef> refs, Optional<List<byte[]>> terms) {
        byte[] canonical = CanonicalJson.bytes(record);
        CompletableFuture<Long> leaf = committer.submit(new GroupCommitter.Pending(record, canonical, CanonicalJson.entryHash(canonical),
            mailName, refs, terms, new CompletableFuture<>()));
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

    /**
     * A UUID of version 7 (RFC 9562): the creation time in its first 48 bits, then 74 random bits. Later keys sort
     * later, so a commit adds to the right-hand end of the indexes keyed by message instead of rewriting a random page
     * of each: the writer thread's CPU per received message fell by a fifth (bench/README.md).
     */
    static String newKey() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (KEY_RANDOM.nextInt() & 0x0FFFL);
        long low = (KEY_RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
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
        receiptKeys.close();
        content.logKeysThrough(Optional.empty());
        committer.close();
    }
}
