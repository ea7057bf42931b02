package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.ProblemKind;
import org.caseguard.journal.VerificationReport;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.MemoryContentStore;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.entry.OutboundCopyRecord;
import org.caseguard.journal.entry.ReceivedRecord;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on the embedded default database (H2 file): JRN-1 records, JRN-2 failures, JRN-3 case lists, JRN-4 verify. */
class JournalTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T09:15:00Z");

    @TempDir
    Path workingDirectory;

    private JdbcLeafStore leafStore;
    private MemoryContentStore content;
    private Journal journal;

    /** The journal database's keys: the embedded default here, PostgreSQL in {@link PostgresJournalTest}. */
    protected Properties databaseProperties(Path workingDirectory) {
        Properties properties = new Properties();
        properties.setProperty("journal.h2.path", "var/journal");
        return properties;
    }

    @BeforeEach
    void open() {
        leafStore = LeafStores.open(databaseProperties(workingDirectory), workingDirectory);
        content = new MemoryContentStore();
        journal = Journal.open(leafStore, content, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
        leafStore.close();
    }

    private static Envelope envelope(String... recipients) {
        return new Envelope("worker@agency.example", List.of(recipients), Optional.of("worker@agency.example"),
            Optional.of("192.0.2.10"), Optional.of("client.agency.example"), RECEIVED);
    }

    private static byte[] message(String text) {
        return ("Subject: test\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jrn1RecordsTheEnvelopeIncludingBccAndTheExactBytes() {
        byte[] bytes = message("body");
        String key = journal.recordReceived(Optional.of("mail-1"), envelope("to@agency.example", "bcc@agency.example"), bytes, Journal.SOURCE_SPOOL);

        List<JournalRecord> records = journal.records(key);
        assertThat(records).hasSize(1);
        ReceivedRecord received = (ReceivedRecord) records.get(0);
        assertThat(received.envelope().recipients()).containsExactly("to@agency.example", "bcc@agency.example");
        assertThat(received.envelope().authenticatedUser()).contains("worker@agency.example");
        assertThat(received.envelope().remoteAddress()).contains("192.0.2.10");
        assertThat(received.envelope().receivedAt()).isEqualTo(RECEIVED);
        assertThat(journal.content(key)).isEqualTo(bytes);
    }

    @Test
    void jrn1AMailJournaledAgainUnderTheSameNameIsRecordedOnce() {
        String first = journal.recordReceived(Optional.of("mail-1"), envelope("to@agency.example"), message("a"), Journal.SOURCE_SPOOL);
        String again = journal.recordReceived(Optional.of("mail-1"), envelope("to@agency.example"), message("a"), Journal.SOURCE_SPOOL);

        assertThat(again).isEqualTo(first);
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void jrn3VerdictsBindTheMessageAndItsEncryptedCopyToTheCase() {
        String key = journal.recordReceived(Optional.of("mail-1"), envelope("client@outside.example"), message("case 2024-CW-00017"), Journal.SOURCE_SPOOL);
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of("2024-CW-00017"), List.of("C-1"), List.of("TAG-1"),
            List.of(new RecipientOutcome("client@outside.example", "encrypt", List.of("CN-1")))));
        String copy = journal.recordOutboundCopy(Optional.of("mail-1-enc"), key, List.of("client@outside.example"), "smime-enveloped", message("ciphertext"));

        assertThat(journal.messagesOfCase("2024-CW-00017")).containsExactly(key, copy);
        assertThat(journal.messagesOfCase("2024-CW-99999")).isEmpty();
        assertThat(journal.contentRefs(key)).extracting(ref -> ref.scope().value()).containsExactly("case:2024-CW-00017");
        assertThat(content.isDestroyed(KeyScope.forMessage(key))).as("the receipt copy is released once the case copy is there").isTrue();
        assertThat(journal.content(key)).isEqualTo(message("case 2024-CW-00017"));
        assertThat(journal.contentRefs(copy)).extracting(ref -> ref.scope().value()).containsExactly("case:2024-CW-00017");
        assertThat(((OutboundCopyRecord) journal.records(copy).get(0)).originalKey()).isEqualTo(key);
    }

    @Test
    void jrn2WhenTheContentStoreFailsNothingIsRecordedAndTheCallerIsTold() {
        content.setFailing(true);

        assertThatThrownBy(() -> journal.recordReceived(Optional.of("mail-1"), envelope("to@agency.example"), message("a"), Journal.SOURCE_SPOOL))
            .isInstanceOf(JournalUnavailableException.class);
        assertThat(journal.size()).isZero();
        assertThat(journal.keyForMailName("mail-1")).isEmpty();

        content.setFailing(false);
        journal.recordReceived(Optional.of("mail-1"), envelope("to@agency.example"), message("a"), Journal.SOURCE_SPOOL);
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void concurrentRecordsAreAllDurableAndShareCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            keys.add(pool.submit(() -> journal.recordReceived(Optional.of("mail-" + n), envelope("to@agency.example"), message("m" + n), Journal.SOURCE_SPOOL)));
        }
        for (Future<String> key : keys) {
            assertThat(journal.records(key.get())).hasSize(1);
        }
        pool.shutdown();
        assertThat(journal.size()).isEqualTo(400);
        assertThat(verify().passed()).isTrue();
    }

    private VerificationReport verify() {
        return new JournalVerifier(journal, List.of()).verify();
    }

    private List<String> threeMessages() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(journal.recordReceived(Optional.of("mail-" + i), envelope("to@agency.example"), message("m" + i), Journal.SOURCE_SPOOL));
        }
        return keys;
    }

    @Test
    void jrn4AnUntouchedJournalVerifies() {
        threeMessages();
        VerificationReport report = verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(3);
    }

    @Test
    void jrn4ABlobChangedByOneByteIsReported() {
        String key = threeMessages().get(1);
        ContentRef ref = journal.contentRefs(key).get(0);
        content.corrupt(ref);

        assertThat(verify().count(ProblemKind.ALTERED_CONTENT)).isEqualTo(1);
    }

    @Test
    void jrn4AnIndexRowChangedByOneByteIsReported() throws SQLException {
        threeMessages();
        try (Connection connection = leafStore.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT canonical FROM journal_entry WHERE leaf_index = 1");
             java.sql.ResultSet rows = select.executeQuery();
             PreparedStatement update = connection.prepareStatement("UPDATE journal_entry SET canonical = ? WHERE leaf_index = 1")) {
            rows.next();
            String canonical = new String(rows.getBytes(1), StandardCharsets.UTF_8);
            assertThat(canonical).contains("to@agency");
            update.setBytes(1, canonical.replace("to@agency", "tO@agency").getBytes(StandardCharsets.UTF_8));
            update.executeUpdate();
        }

        VerificationReport report = verify();
        assertThat(report.count(ProblemKind.ALTERED_ENTRY)).as(report.summary()).isEqualTo(1);
    }

    @Test
    void jrn4ADeletedRowIsReported() throws SQLException {
        threeMessages();
        sql("DELETE FROM journal_entry WHERE leaf_index = 1");

        assertThat(verify().count(ProblemKind.REMOVED_ENTRY)).isEqualTo(1);
    }

    @Test
    void jrn4TwoReorderedRowsAreReported() throws SQLException {
        threeMessages();
        sql("UPDATE journal_entry SET leaf_index = -1 WHERE leaf_index = 0");
        sql("UPDATE journal_entry SET leaf_index = 0 WHERE leaf_index = 1");
        sql("UPDATE journal_entry SET leaf_index = 1 WHERE leaf_index = -1");

        VerificationReport report = verify();
        assertThat(report.passed()).isFalse();
        assertThat(report.count(ProblemKind.ALTERED_ENTRY) + report.count(ProblemKind.REORDERED_ENTRY)).as(report.summary()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void jrn4ACaseBindingRemovedFromTheIndexIsReported() throws SQLException {
        String key = threeMessages().get(0);
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of("2024-CW-00017"), List.of(), List.of(), List.of()));
        sql("DELETE FROM journal_case");

        assertThat(verify().count(ProblemKind.INDEX_MISMATCH)).isEqualTo(1);
    }

    @Test
    void jrn4AnAccessHiddenFromOrAlteredInTheAccessIndexIsReported() throws SQLException {
        String key = threeMessages().get(0);
        journal.recordAccess("clerk@agency.example", "view", Map.of(), List.of(key));
        journal.recordAccess("officer@agency.example", "export", Map.of("case", "2024-CW-00017"), List.of(key));
        assertThat(verify().passed()).as(verify().summary()).isTrue();

        sql("UPDATE journal_access SET actor = 'someone-else@agency.example' WHERE actor = 'clerk@agency.example'");
        assertThat(verify().count(ProblemKind.INDEX_MISMATCH)).isEqualTo(2); // missing as recorded, present as not recorded
        sql("UPDATE journal_access SET actor = 'clerk@agency.example' WHERE actor = 'someone-else@agency.example'");
        sql("DELETE FROM journal_access_message WHERE access_key IN (SELECT access_key FROM journal_access WHERE action = 'export')");

        VerificationReport report = verify();
        assertThat(report.count(ProblemKind.INDEX_MISMATCH)).isEqualTo(1);
        assertThat(report.summary()).doesNotContain("officer@agency.example").doesNotContain("2024-CW-00017");
    }

    @Test
    void contentOfADestroyedScopeIsDisposalNotTampering() {
        String key = threeMessages().get(0);
        content.destroyScope(KeyScope.forMessage(key));

        assertThat(verify().passed()).isTrue();
        assertThatThrownBy(() -> journal.content(key)).hasMessageContaining("destroyed");
    }

    private List<String> found(String participant, String... words) {
        return journal.search(new JournalSearch(Optional.empty(), Optional.empty(), Optional.ofNullable(participant), Optional.empty(),
            Optional.empty(), Optional.empty(), JournalSearch.MAX_LIMIT, java.util.Set.of(words))).stream().map(Journal.MessageSummary::messageKey).toList();
    }

    /** Indexes the message's words as the verdicts stage does, with verdicts that bind no case. */
    private void indexWords(String key, List<String> words) {
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of(), List.of(), List.of(), List.of()), words);
    }

    @Test
    void jrn3FullTextFindsTheMessagesHavingEveryWordAndCombinesWithOtherCriteria() {
        String hearing = journal.recordReceived(Optional.of("m-1"), envelope("judge@court.test"), message("hearing moved to friday"), Journal.SOURCE_SPOOL);
        String cancelled = journal.recordReceived(Optional.of("m-2"), envelope("clerk@court.test"), message("hearing cancelled"), Journal.SOURCE_SPOOL);
        indexWords(hearing, List.of("hearing", "moved", "to", "friday"));
        indexWords(cancelled, List.of("hearing", "cancelled"));

        assertThat(found(null, "hearing")).containsExactly(hearing, cancelled);
        assertThat(found(null, "hearing", "friday")).containsExactly(hearing);
        assertThat(found(null, "friday", "cancelled")).isEmpty();
        assertThat(found(null, "absent")).isEmpty();
        assertThat(found("clerk@court.test", "hearing")).containsExactly(cancelled);
    }

    @Test
    void jrn7TheWordIndexHoldsNoWordInClearAndIndexingAgainReplacesIt() throws SQLException {
        String key = journal.recordReceived(Optional.of("m-1"), envelope("judge@court.test"), message("lopez hearing"), Journal.SOURCE_SPOOL);
        indexWords(key, List.of("lopez", "hearing"));
        indexWords(key, List.of("lopez", "hearing", "lopez"));

        List<byte[]> terms = new java.util.ArrayList<>();
        try (Connection connection = leafStore.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT p.term FROM journal_posting p JOIN journal_message m ON p.id / " + IndexRows.POSTINGS_PER_MESSAGE + " = m.received_leaf WHERE m.message_key = ?")) {
            select.setString(1, key);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    terms.add(rows.getBytes(1));
                }
            }
        }
        assertThat(terms).hasSize(2).allSatisfy(term -> assertThat(new String(term, StandardCharsets.ISO_8859_1))
            .doesNotContain("lopez").doesNotContain("hearing").hasSize(16));
    }

    @Test
    void jrn3WordsRecordedWithTheVerdictsAreFoundAndRecordingAgainReplacesThem() {
        String key = journal.recordReceived(Optional.of("m-1"), envelope("judge@court.test"), message("hearing moved"), Journal.SOURCE_SPOOL);
        String other = journal.recordReceived(Optional.of("m-2"), envelope("judge@court.test"), message("hearing kept"), Journal.SOURCE_SPOOL);
        VerdictRecord verdicts = new VerdictRecord(key, Instant.now(), "transport", List.of(), List.of(), List.of(),
            List.of(new RecipientOutcome("colleague@agency.example", "deliver", List.of())));
        journal.recordVerdicts(verdicts, List.of("hearing", "moved"));
        indexWords(other, List.of("hearing", "kept"));

        assertThat(found(null, "hearing")).containsExactly(key, other);
        assertThat(found(null, "moved")).containsExactly(key);
        assertThat(journal.records(key)).extracting(JournalRecord::kind).containsExactly("received", "verdicts");

        journal.recordVerdicts(verdicts, List.of("hearing", "postponed")); // a retried stage
        assertThat(found(null, "moved")).isEmpty();
        assertThat(found(null, "postponed")).containsExactly(key);
        assertThat(found(null, "hearing")).containsExactly(key, other);
    }

    @Test
    void jrn3MoreWordsThanTheIndexNumbersPerMessageAreRefusedAndNothingIsRecorded() {
        String key = journal.recordReceived(Optional.of("m-1"), envelope("judge@court.test"), message("hearing"), Journal.SOURCE_SPOOL);
        List<String> tooMany = java.util.stream.IntStream.range(0, (int) IndexRows.POSTINGS_PER_MESSAGE).mapToObj(i -> "w" + i).toList();

        assertThatThrownBy(() -> indexWords(key, tooMany)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at most 131071 distinct search words, got 131072");
        assertThat(journal.records(key)).extracting(JournalRecord::kind).containsExactly("received");
        indexWords(key, tooMany.subList(0, tooMany.size() - 1));
        assertThat(found(null, "w131070")).containsExactly(key);
    }

    @Test
    void messageKeysAreTimeOrderedUuidsSoIndexesGrowAtOneEnd() throws InterruptedException {
        String first = Journal.newKey();
        Thread.sleep(2);
        String second = Journal.newKey();

        assertThat(java.util.UUID.fromString(first).version()).isEqualTo(7);
        assertThat(java.util.UUID.fromString(first).variant()).isEqualTo(2);
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second).isGreaterThan(first);
        assertThat(java.util.stream.Stream.generate(Journal::newKey).limit(1000).distinct().count()).isEqualTo(1000);
    }

    private List<String> accesses(Optional<String> actor, Optional<String> caseId, Optional<String> messageKey, Optional<Instant> from) {
        return journal.accesses(actor, caseId, messageKey, from, Optional.empty(), 100).stream().map(Journal.AccessSummary::accessKey).toList();
    }

    @Test
    void jrn7AccessesAreFoundByActorByCaseByDisclosedMessageAndByTimeNewestFirst() {
        String caseMessage = journal.recordReceived(Optional.of("m-1"), envelope("to@agency.example"), message("a"), Journal.SOURCE_SPOOL);
        journal.recordVerdicts(new VerdictRecord(caseMessage, Instant.now(), "transport", List.of("2024-CW-00017"), List.of(), List.of(), List.of()));
        String otherMessage = journal.recordReceived(Optional.of("m-2"), envelope("to@agency.example"), message("b"), Journal.SOURCE_SPOOL);
        String search = journal.recordAccess("officer@agency.example", "search", Map.of("case", "2024-CW-00017"), List.of(caseMessage));
        String view = journal.recordAccess("clerk@agency.example", "view", Map.of(), List.of(caseMessage, caseMessage));
        String unrelated = journal.recordAccess("clerk@agency.example", "view", Map.of(), List.of(otherMessage));
        String emptyExport = journal.recordAccess("officer@agency.example", "export", Map.of("case", "2024-CW-00018"), List.of());

        assertThat(accesses(Optional.of("clerk@agency.example"), Optional.empty(), Optional.empty(), Optional.empty())).containsExactly(unrelated, view);
        assertThat(accesses(Optional.empty(), Optional.of("2024-CW-00017"), Optional.empty(), Optional.empty())).containsExactly(view, search);
        assertThat(accesses(Optional.empty(), Optional.of("2024-CW-00018"), Optional.empty(), Optional.empty())).containsExactly(emptyExport);
        assertThat(accesses(Optional.empty(), Optional.empty(), Optional.of(otherMessage), Optional.empty())).containsExactly(unrelated);
        assertThat(accesses(Optional.of("officer@agency.example"), Optional.of("2024-CW-00017"), Optional.empty(), Optional.empty())).containsExactly(search);
        assertThat(accesses(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Instant.now().plusSeconds(60)))).isEmpty();
        Journal.AccessSummary summary = journal.accesses(Optional.empty(), Optional.empty(), Optional.of(caseMessage), Optional.empty(), Optional.empty(), 1).get(0);
        assertThat(summary.accessKey()).isEqualTo(view);
        assertThat(summary.action()).isEqualTo("view");
        assertThat(summary.messagesDisclosed()).isEqualTo(1);
    }

    @Test
    void jrn7AccessRecordsFromBeforeTheAccessIndexAreIndexedAtTheNextStart() throws SQLException {
        String access = journal.recordAccess("officer@agency.example", "verify", Map.of(), List.of());
        sql("DELETE FROM journal_access");
        assertThat(accesses(Optional.of("officer@agency.example"), Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();

        journal.close();
        journal = Journal.open(leafStore, content, Clock.systemUTC());

        assertThat(accesses(Optional.of("officer@agency.example"), Optional.empty(), Optional.empty(), Optional.empty())).containsExactly(access);
    }

    @Test
    void jrn6ADisposedMessageIsNoLongerFoundByItsWords() {
        String kept = journal.recordReceived(Optional.of("m-1"), envelope("judge@court.test"), message("hearing kept"), Journal.SOURCE_SPOOL);
        String disposed = journal.recordReceived(Optional.of("m-2"), envelope("judge@court.test"), message("hearing disposed"), Journal.SOURCE_SPOOL);
        indexWords(kept, List.of("hearing", "kept"));
        indexWords(disposed, List.of("hearing", "disposed"));

        journal.destroyMessages(List.of(disposed), "run-1");

        assertThat(found(null, "hearing")).containsExactly(kept);
        assertThat(found(null, "disposed")).isEmpty();
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = leafStore.dataSource().getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        }
    }
}
