package org.caseguard.journal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caseguard.journal.Hash;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.ScopeRows;
import org.caseguard.journal.entry.AccessRecord;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.entry.OutboundCopyRecord;
import org.caseguard.journal.entry.ReceivedRecord;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;

/**
 * The rows one record adds to the journal's index (schema V2): its entry, and what search needs to find it. Every
 * row here is derived from the record alone (plus where its content is kept), so verification can rebuild and
 * compare them.
 */
final class IndexRows {
    static final String MESSAGE_WIDE = "*";
    /** How far apart the postings of two messages are numbered (schema V9): one more than the terms a message can have. */
    static final long POSTINGS_PER_MESSAGE = 1L << 17;
    private static final String RECEIVED_LEAF = "SELECT received_leaf FROM journal_message WHERE message_key = ?";
    /** A message's postings: the range from its first posting, {@link #POSTINGS_PER_MESSAGE} long. */
    private static final String DELETE_POSTINGS = "DELETE FROM journal_posting WHERE id >= ? AND id < ?";

    private IndexRows() {
    }

    static void insert(Connection connection, long leaf, JournalRecord record, byte[] canonical, Hash entryHash,
                       Optional<String> mailName, List<ContentRef> contentRefs) throws SQLException {
        try (PreparedStatement entry = connection.prepareStatement(
            "INSERT INTO journal_entry (leaf_index, message_key, kind, recorded_at, entry_hash, canonical) VALUES (?, ?, ?, ?, ?, ?)")) {
            entry.setLong(1, leaf);
            entry.setString(2, record.messageKey());
            entry.setString(3, record.kind());
            entry.setLong(4, record.recordedAt().toEpochMilli());
            entry.setBytes(5, entryHash.bytes());
            entry.setBytes(6, canonical);
            entry.executeUpdate();
        }
        if (record instanceof ReceivedRecord received) {
            message(connection, received.messageKey(), mailName, null, leaf, received.envelope().receivedAt().toEpochMilli(),
                received.content().sha256(), received.content().size());
            participants(connection, received.messageKey(), received.envelope().mailFrom(), received.envelope().recipients());
        } else if (record instanceof OutboundCopyRecord copy) {
            message(connection, copy.messageKey(), mailName, copy.originalKey(), leaf, copy.recordedAt().toEpochMilli(),
                copy.content().sha256(), copy.content().size());
            participants(connection, copy.messageKey(), "", copy.recipients());
        } else if (record instanceof VerdictRecord verdicts) {
            for (String caseId : verdicts.cases()) {
                insertIfAbsent(connection, "journal_case", "case_id", verdicts.messageKey(), caseId);
            }
            for (String clientId : verdicts.clients()) {
                insertIfAbsent(connection, "journal_client", "client_id", verdicts.messageKey(), clientId);
            }
            verdictRows(connection, leaf, verdicts);
        } else if (record instanceof AccessRecord access) {
            accessRows(connection, leaf, access);
        }
        for (ContentRef ref : contentRefs) {
            content(connection, record.messageKey(), ref);
        }
        if (record instanceof VerdictRecord && !contentRefs.isEmpty()) {
            releaseReceiptCopy(connection, record);
        }
    }

    /**
     * JRN-7: once a message's bytes are kept under its cases' keys, the copy under its own receipt key goes, in the
     * same transaction as the case copies (so both are kept, or the case copies alone, never neither): its location
     * row, and its key, so it cannot be read from then on. Nothing happens for a receipt released before. The blobs
     * are removed after the commit. Derived from the record and its content alone, as a replayed batch needs.
     */
    private static void releaseReceiptCopy(Connection connection, JournalRecord verdicts) throws SQLException {
        KeyScope receipt = KeyScope.forMessage(verdicts.messageKey());
        int released;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM journal_content WHERE message_key = ? AND key_scope = ?")) {
            delete.setString(1, verdicts.messageKey());
            delete.setString(2, receipt.value());
            released = delete.executeUpdate();
        }
        if (released > 0) {
            ScopeRows.destroyWithin(connection, receipt, verdicts.recordedAt());
        }
    }

    private static void message(Connection connection, String key, Optional<String> mailName, String originalKey, long leaf,
                                long receivedAt, Hash sha256, long size) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_message (message_key, mail_name, original_key, received_leaf, received_at, content_sha256, content_size) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, mailName.orElse(null));
            insert.setString(3, originalKey);
            insert.setLong(4, leaf);
            insert.setLong(5, receivedAt);
            insert.setBytes(6, sha256.bytes());
            insert.setLong(7, size);
            insert.executeUpdate();
        }
    }

    private record Participant(String address, String role) {
    }

    /**
     * The sender and recipients of a message just recorded, each (address, role) once, in one batch: the key is new,
     * so no row of it can exist yet (a received or copy record is the first of its message).
     */
    private static void participants(Connection connection, String key, String mailFrom, List<String> recipients) throws SQLException {
        java.util.Set<Participant> rows = new java.util.LinkedHashSet<>();
        if (!mailFrom.isEmpty()) {
            rows.add(new Participant(mailFrom.toLowerCase(Locale.ROOT), "from"));
        }
        for (String recipient : recipients) {
            if (!recipient.isEmpty()) {
                rows.add(new Participant(recipient.toLowerCase(Locale.ROOT), "rcpt"));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO journal_participant (message_key, address, role) VALUES (?, ?, ?)")) {
            for (Participant row : rows) {
                insert.setString(1, key);
                insert.setString(2, row.address());
                insert.setString(3, row.role());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertIfAbsent(Connection connection, String table, String column, String key, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + table + " (message_key, " + column + ") SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + table
                + " WHERE message_key = ? AND " + column + " = ?)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            insert.setString(3, key);
            insert.setString(4, value);
            insert.executeUpdate();
        }
    }

    private static void verdictRows(Connection connection, long leaf, VerdictRecord verdicts) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        for (String rule : verdicts.messageRules()) {
            rows.add(new String[] {MESSAGE_WIDE, rule, "flag"});
        }
        for (RecipientOutcome outcome : verdicts.recipients()) {
            for (String rule : outcome.rules()) {
                rows.add(new String[] {outcome.recipient().toLowerCase(Locale.ROOT), rule, outcome.outcome()});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_verdict (leaf_index, message_key, recipient, rule_id, outcome) VALUES (?, ?, ?, ?, ?)")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String[] row : rows) {
                if (!seen.add(row[0] + "\n" + row[1])) {
                    continue;
                }
                insert.setLong(1, leaf);
                insert.setString(2, verdicts.messageKey());
                insert.setString(3, row[0]);
                insert.setString(4, row[1]);
                insert.setString(5, row[2]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** JRN-7: who accessed what, found by actor, by case asked for, and by each message disclosed (schema V8). */
    static void accessRows(Connection connection, long leaf, AccessRecord access) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_access (access_key, leaf_index, actor, action, case_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, access.messageKey());
            insert.setLong(2, leaf);
            insert.setString(3, access.actor());
            insert.setString(4, access.action());
            insert.setString(5, access.criteria().get("case"));
            insert.setLong(6, access.recordedAt().toEpochMilli());
            insert.executeUpdate();
        }
        if (access.messageKeys().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO journal_access_message (message_key, access_key) VALUES (?, ?)")) {
            for (String disclosed : new java.util.LinkedHashSet<>(access.messageKeys())) {
                insert.setString(1, disclosed);
                insert.setString(2, access.messageKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void content(Connection connection, String key, ContentRef ref) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_content (message_key, key_scope, sha256, size) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM journal_content WHERE message_key = ? AND key_scope = ?)")) {
            insert.setString(1, key);
            insert.setString(2, ref.scope().value());
            insert.setBytes(3, ref.sha256().bytes());
            insert.setLong(4, ref.size());
            insert.setString(5, key);
            insert.setString(6, ref.scope().value());
            insert.executeUpdate();
        }
    }

    /**
     * JRN-3: replaces the full-text terms of these messages (the later of two for one message wins). A message's terms
     * are postings numbered from its received leaf ({@link #POSTINGS_PER_MESSAGE} apart, schema V9), so its old ones
     * are one key range and the new ones are appended at the end of the table.
     */
    static void replaceTerms(Connection connection, List<java.util.Map.Entry<String, List<byte[]>>> termsByMessage) throws SQLException {
        if (termsByMessage.isEmpty()) {
            return;
        }
        java.util.Map<String, List<byte[]>> latest = new java.util.LinkedHashMap<>();
        termsByMessage.forEach(message -> latest.put(message.getKey(), message.getValue()));
        try (PreparedStatement leafOf = connection.prepareStatement(RECEIVED_LEAF);
             PreparedStatement delete = connection.prepareStatement(DELETE_POSTINGS);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO journal_posting (id, term) VALUES (?, ?)")) {
            for (java.util.Map.Entry<String, List<byte[]>> message : latest.entrySet()) {
                List<byte[]> terms = message.getValue();
                checkTermCount(terms.size());
                long first = firstPosting(leafOf, message.getKey()).orElseThrow(() ->
                    new SQLException("no journaled message " + message.getKey() + " to index search terms for"));
                deletePostings(delete, first);
                delete.addBatch();
                for (int i = 0; i < terms.size(); i++) {
                    insert.setLong(1, first + i);
                    insert.setBytes(2, terms.get(i));
                    insert.addBatch();
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /** JRN-6: removes a message's full-text terms (disposal), in the caller's transaction. */
    static void removeTerms(Connection connection, String messageKey) throws SQLException {
        try (PreparedStatement leafOf = connection.prepareStatement(RECEIVED_LEAF);
             PreparedStatement delete = connection.prepareStatement(DELETE_POSTINGS)) {
            java.util.OptionalLong first = firstPosting(leafOf, messageKey);
            if (first.isPresent()) {
                deletePostings(delete, first.getAsLong());
                delete.executeUpdate();
            }
        }
    }

    /** Refuses more terms than the numbering leaves room for between two messages. */
    static void checkTermCount(int terms) {
        if (terms >= POSTINGS_PER_MESSAGE) {
            throw new IllegalArgumentException("a message can have at most " + (POSTINGS_PER_MESSAGE - 1) + " distinct search words, got " + terms);
        }
    }

    /** The number of the message's first posting, or empty if no such message is journaled. */
    private static java.util.OptionalLong firstPosting(PreparedStatement leafOf, String messageKey) throws SQLException {
        leafOf.setString(1, messageKey);
        try (java.sql.ResultSet rows = leafOf.executeQuery()) {
            return rows.next() ? java.util.OptionalLong.of(rows.getLong(1) * POSTINGS_PER_MESSAGE) : java.util.OptionalLong.empty();
        }
    }

    private static void deletePostings(PreparedStatement delete, long firstPosting) throws SQLException {
        delete.setLong(1, firstPosting);
        delete.setLong(2, firstPosting + POSTINGS_PER_MESSAGE);
    }
}
