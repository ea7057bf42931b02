package org.caseguard.journal.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.content.ContentUnavailableException;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.entry.DisposalRecord;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-5 and JRN-6 on the embedded default (H2 file, encrypted files with per-scope keys): schedules by closure, age
 * and message date; legal hold; reopening; two-person approval; disposal that destroys keys and leaves a signed
 * certificate and a journal that still verifies.
 */
class RetentionTest {
    private static final String CASE = "2019-CW-00042";
    private static final String OTHER_CASE = "2019-CW-00043";

    @TempDir
    Path workingDirectory;

    private JdbcLeafStore leafStore;
    private ContentStore content;
    private Journal journal;
    private CaseLifecycle lifecycle;
    private TreeHeadSigner signer;
    private final Map<String, List<Optional<LocalDate>>> births = new HashMap<>();

    /** The journal database's keys: the embedded default here, PostgreSQL in {@link PostgresRetentionTest}. */
    protected Properties databaseProperties(Path workingDirectory) {
        return new Properties();
    }

    /** The content backend: encrypted files here, a real S3 API in {@link S3RetentionTest}. */
    protected ContentStore openContent(Path workingDirectory, javax.sql.DataSource dataSource) {
        return ContentStores.open(new Properties(), workingDirectory, dataSource);
    }

    /** How many blobs the content backend holds. */
    protected long storedBlobCount(Path workingDirectory) throws Exception {
        try (Stream<Path> files = Files.walk(workingDirectory.resolve("var/caseguard/journal-content"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @BeforeEach
    void open() throws Exception {
        leafStore = LeafStores.open(databaseProperties(workingDirectory), workingDirectory);
        content = openContent(workingDirectory, leafStore.dataSource());
        journal = Journal.open(leafStore, content, Clock.systemUTC());
        lifecycle = new CaseLifecycle(leafStore.dataSource(), Clock.systemUTC());
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
        content.close();
        leafStore.close();
    }

    private static Properties properties(String... lines) {
        Properties properties = new Properties();
        for (String line : lines) {
            int equals = line.indexOf('=');
            properties.setProperty(line.substring(0, equals), line.substring(equals + 1));
        }
        return properties;
    }

    private Disposals disposals(String... schedule) {
        return new Disposals(journal, RetentionSchedule.fromProperties(properties(schedule)), lifecycle,
            caseId -> births.getOrDefault(caseId, List.of()), signer, Clock.systemUTC(), 10_000);
    }

    private static final String[] CLOSURE_PLUS_FIVE = {"retention.items=case, other",
        "retention.item.case.category=case", "retention.item.case.clock=case-closure", "retention.item.case.keep=P5Y",
        "retention.item.other.category=non-case", "retention.item.other.clock=message-date", "retention.item.other.keep=P2Y"};

    private static final String[] CLOSURE_PLUS_FIVE_TWO_PERSON = Stream.concat(Stream.of(CLOSURE_PLUS_FIVE),
        Stream.of("retention.disposal.approvals=2")).toArray(String[]::new);

    private void closeBothCasesIn2019() {
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-01-01"), "records-clerk");
        lifecycle.recordEvent(OTHER_CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-01-01"), "records-clerk");
    }

    private String caseMessage(String caseId, String receivedOn, String text) {
        String key = received(receivedOn, text);
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of(caseId), List.of("C-1"), List.of(),
            List.of(new RecipientOutcome("colleague@agency.example", "deliver", List.of()))));
        return key;
    }

    private String received(String receivedOn, String text) {
        Envelope envelope = new Envelope("worker@agency.example", List.of("colleague@agency.example"), Optional.of("worker@agency.example"),
            Optional.of("192.0.2.10"), Optional.empty(), LocalDate.parse(receivedOn).atTime(10, 0).toInstant(ZoneOffset.UTC));
        return journal.recordReceived(Optional.empty(), envelope, ("Subject: s\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8), Journal.SOURCE_SPOOL);
    }

    private boolean disposed(String key) {
        try {
            journal.content(key);
            return false;
        } catch (ContentUnavailableException e) {
            return true;
        }
    }

    private List<String> dueOn(Disposals disposals, String day) {
        return disposals.preview(LocalDate.parse(day)).due().stream().map(DisposalPlan.DueMessage::messageKey).toList();
    }

    @Test
    void jrn5ACaseClosedYearsAgoIsDisposedExactlyWhenDueAndTheCertificateVerifies() throws Exception {
        String first = caseMessage(CASE, "2018-06-01", "placement review");
        String second = caseMessage(CASE, "2019-02-01", "closing summary");
        String otherCase = caseMessage(OTHER_CASE, "2018-06-02", "another family");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-03-10"), "records-clerk");
        Disposals disposals = disposals(CLOSURE_PLUS_FIVE);

        assertThat(dueOn(disposals, "2024-03-09")).isEmpty();
        assertThat(dueOn(disposals, "2024-03-10")).containsExactly(first, second);

        Disposals.Run run = disposals.request(LocalDate.parse("2024-03-10"), "privacy-officer");

        assertThat(run.status()).isEqualTo(Disposals.Status.DONE);
        assertThat(disposed(first)).isTrue();
        assertThat(disposed(second)).isTrue();
        assertThat(disposed(otherCase)).isFalse();
        assertThatThrownBy(() -> journal.content(first)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isIn(ContentUnavailableException.Reason.DESTROYED, ContentUnavailableException.Reason.MISSING));
        assertThat(content.isDestroyed(KeyScope.forCase(CASE))).isTrue();
        assertThat(content.isDestroyed(KeyScope.forMessage(first))).isTrue();
        assertThat(content.isDestroyed(KeyScope.forCase(OTHER_CASE))).isFalse();
        assertThat(journal.records(first)).isEmpty();
        assertThat(journal.messagesOfCase(CASE)).isEmpty();
        assertThat(journal.messagesOfCase(OTHER_CASE)).containsExactly(otherCase);

        assertThat(new JournalVerifier(journal, List.of(signer.publicKey())).verify().passed()).isTrue();

        DisposalCertificate certificate = disposals.certificate(run.runId()).orElseThrow();
        assertThat(certificate.verify(signer.publicKey())).isEmpty();
        String document = new String(certificate.document(), StandardCharsets.UTF_8);
        assertThat(document).contains(first, second, "\"case\":\"category=case clock=case-closure keep=P5Y\"", "privacy-officer")
            .doesNotContain(otherCase, "placement review");
        byte[] altered = certificate.document();
        altered[document.indexOf(first)] ^= 1;
        assertThat(new DisposalCertificate(altered, certificate.signature()).verify(signer.publicKey())).isNotEmpty();

        List<JournalRecord> disposalRecords = journal.records(run.runId());
        assertThat(disposalRecords).singleElement().isInstanceOfSatisfying(DisposalRecord.class, record -> {
            assertThat(record.certificateSha256()).isEqualTo(certificate.sha256().hex());
            assertThat(record.disposedMessages()).containsExactlyInAnyOrder(first, second);
        });
        assertThat(dueOn(disposals, "2030-01-01")).doesNotContain(first, second);
    }

    @Test
    void jrn5AHeldCaseIsNotDisposedAndTheHoldCoversMailArrivingLater() {
        String before = caseMessage(CASE, "2018-06-01", "before the hold");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-03-10"), "records-clerk");
        CaseLifecycle.Hold hold = lifecycle.placeHold(CASE, "subpoena 24-CV-118", "county counsel", "privacy-officer");
        String after = caseMessage(CASE, "2024-01-05", "arrived after the hold");
        Disposals disposals = disposals(CLOSURE_PLUS_FIVE);

        DisposalPlan plan = disposals.preview(LocalDate.parse("2030-01-01"));
        assertThat(plan.due()).isEmpty();
        assertThat(plan.kept()).containsEntry(DisposalPlan.KEPT_HELD, 2L);
        disposals.request(LocalDate.parse("2030-01-01"), "privacy-officer");
        assertThat(disposed(before)).isFalse();
        assertThat(disposed(after)).isFalse();

        assertThat(lifecycle.releaseHold(hold.holdId(), "case settled", "privacy-officer")).isTrue();
        assertThat(lifecycle.releaseHold(hold.holdId(), "again", "privacy-officer")).isFalse();
        disposals.request(LocalDate.parse("2030-01-01"), "privacy-officer");
        assertThat(disposed(before)).isTrue();
        assertThat(disposed(after)).isTrue();
        assertThat(lifecycle.holdsOf(CASE)).singleElement().satisfies(released -> {
            assertThat(released.active()).isFalse();
            assertThat(released.reason()).isEqualTo("subpoena 24-CV-118");
            assertThat(released.releaseReason()).contains("case settled");
        });
    }

    @Test
    void jrn5AReopenedCaseStopsItsClockAndTheNextClosureRestartsIt() {
        String message = caseMessage(CASE, "2014-06-01", "first episode");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2015-01-10"), "records-clerk");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.REOPENED, LocalDate.parse("2016-02-01"), "records-clerk");
        Disposals disposals = disposals(CLOSURE_PLUS_FIVE);

        assertThat(dueOn(disposals, "2024-01-01")).isEmpty();
        assertThat(disposals.preview(LocalDate.parse("2024-01-01")).kept()).containsEntry(DisposalPlan.KEPT_CLOCK_NOT_STARTED, 1L);

        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2020-07-15"), "records-clerk");
        assertThat(dueOn(disposals, "2025-07-14")).isEmpty();
        assertThat(dueOn(disposals, "2025-07-15")).containsExactly(message);
    }

    @Test
    void jrn5TheLaterOfClosureAndAClientsBirthdayStartsTheClockAndAnUnknownBirthDateKeepsTheMail() {
        String message = caseMessage(CASE, "2010-06-01", "intake");
        String unknownBirth = caseMessage(OTHER_CASE, "2010-06-01", "intake");
        lifecycle.setProgram(CASE, Optional.of("child-welfare"), "records-clerk");
        lifecycle.setProgram(OTHER_CASE, Optional.of("child-welfare"), "records-clerk");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2012-01-01"), "records-clerk");
        lifecycle.recordEvent(OTHER_CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2012-01-01"), "records-clerk");
        births.put(CASE, List.of(Optional.of(LocalDate.parse("2001-04-20")), Optional.of(LocalDate.parse("2003-09-02"))));
        births.put(OTHER_CASE, List.of(Optional.of(LocalDate.parse("2001-04-20")), Optional.empty()));
        Disposals disposals = disposals("retention.items=cw, default",
            "retention.item.cw.category=case", "retention.item.cw.program=child-welfare", "retention.item.cw.clock=case-closure, client-age:23",
            "retention.item.cw.keep=P1Y",
            "retention.item.default.category=case", "retention.item.default.clock=case-closure", "retention.item.default.keep=P1Y");

        // youngest client turns 23 on 2026-09-02; plus one year
        assertThat(dueOn(disposals, "2027-09-01")).isEmpty();
        assertThat(dueOn(disposals, "2027-09-02")).containsExactly(message);
        assertThat(disposals.preview(LocalDate.parse("2090-01-01")).due()).extracting(DisposalPlan.DueMessage::messageKey).doesNotContain(unknownBirth);
    }

    @Test
    void jrn5NonCaseMailFollowsItsReceiptDateAndMailWithoutAScheduleItemIsKept() {
        String nonCase = received("2020-03-01", "staff meeting moved");
        caseMessage(CASE, "2020-03-01", "home visit");
        Disposals onlyNonCase = disposals("retention.items=other", "retention.item.other.category=non-case",
            "retention.item.other.clock=message-date", "retention.item.other.keep=P2Y");

        assertThat(dueOn(onlyNonCase, "2022-02-28")).isEmpty();
        assertThat(dueOn(onlyNonCase, "2022-03-01")).containsExactly(nonCase);
        assertThat(onlyNonCase.preview(LocalDate.parse("2099-01-01")).kept()).containsEntry(DisposalPlan.KEPT_NO_SCHEDULE, 1L);
        assertThat(dueOn(disposals(), "2099-01-01")).isEmpty();
    }

    @Test
    void jrn6TwoPersonApprovalExecutesOnlyWhatIsStillDueWhenASecondPersonApproves() {
        String first = caseMessage(CASE, "2018-06-01", "one");
        String other = caseMessage(OTHER_CASE, "2018-06-01", "two");
        closeBothCasesIn2019();
        Disposals disposals = disposals(CLOSURE_PLUS_FIVE_TWO_PERSON);

        Disposals.Run pending = disposals.request(LocalDate.parse("2025-01-01"), "records-manager");
        assertThat(pending.status()).isEqualTo(Disposals.Status.PENDING);
        assertThat(pending.planned()).containsExactlyInAnyOrder(first, other);
        assertThat(disposed(first)).isFalse();
        assertThatThrownBy(() -> disposals.approve(pending.runId(), "records-manager"))
            .isInstanceOf(Disposals.DisposalConflictException.class).hasMessageContaining("another person");

        lifecycle.placeHold(OTHER_CASE, "audit", "inspector general", "privacy-officer");
        Disposals.Run done = disposals.approve(pending.runId(), "privacy-officer");

        assertThat(done.status()).isEqualTo(Disposals.Status.DONE);
        assertThat(done.approvedBy()).contains("privacy-officer");
        assertThat(disposed(first)).isTrue();
        assertThat(disposed(other)).isFalse();
        assertThat(new String(disposals.certificate(done.runId()).orElseThrow().document(), StandardCharsets.UTF_8))
            .contains("\"requestedBy\":\"records-manager\"", "\"approvedBy\":\"privacy-officer\"").doesNotContain(other);
        assertThatThrownBy(() -> disposals.approve(pending.runId(), "someone-else")).isInstanceOf(Disposals.DisposalConflictException.class);
    }

    @Test
    void jrn6MailForACaseAlreadyDisposedIsKeptUnderANewKeyAndStaysReadable() {
        caseMessage(CASE, "2018-06-01", "old");
        lifecycle.recordEvent(CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-01-01"), "records-clerk");
        disposals(CLOSURE_PLUS_FIVE).request(LocalDate.parse("2025-01-01"), "privacy-officer");
        assertThat(content.isDestroyed(KeyScope.forCase(CASE))).isTrue();

        String late = caseMessage(CASE, "2025-02-01", "late reply to an old thread");

        assertThat(new String(journal.content(late), StandardCharsets.UTF_8)).contains("late reply");
        assertThat(journal.contentRefs(late)).extracting(ref -> ref.scope().value()).contains("case:" + CASE + "#2");
        assertThat(journal.messagesOfCase(CASE)).containsExactly(late);
    }

    /** The content store as a stop in the middle of a disposal run leaves it: nothing deleted or destroyed. */
    private static ContentStore stoppingBeforeDestruction(ContentStore store) {
        return new ContentStore() {
            @Override
            public org.caseguard.journal.content.ContentRef put(KeyScope scope, byte[] bytes) {
                return store.put(scope, bytes);
            }

            @Override
            public byte[] get(org.caseguard.journal.content.ContentRef ref) {
                return store.get(ref);
            }

            @Override
            public boolean delete(org.caseguard.journal.content.ContentRef ref) {
                throw new IllegalStateException("server stopped");
            }

            @Override
            public void destroyScope(KeyScope scope) {
                throw new IllegalStateException("server stopped");
            }

            @Override
            public boolean isDestroyed(KeyScope scope) {
                return store.isDestroyed(scope);
            }

            @Override
            public void removeDestroyed(KeyScope scope) {
                store.removeDestroyed(scope);
            }

            @Override
            public boolean removeLeftovers(KeyScope scope) {
                throw new IllegalStateException("server stopped");
            }

            @Override
            public boolean holds(org.caseguard.journal.content.ContentRef blob) {
                return store.holds(blob);
            }

            @Override
            public void prepareScopes(java.util.Collection<KeyScope> scopes) {
                store.prepareScopes(scopes);
            }

            @Override
            public javax.crypto.SecretKey derivedKey(String purpose) {
                return store.derivedKey(purpose);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void jrn6ARunStoppedAfterItsIndexCommitIsFinishedAtRestartAndLeavesNoContentBehind() throws Exception {
        String old = caseMessage(CASE, "2018-01-01", "old note");
        String recent = caseMessage(CASE, "2023-01-01", "recent note");
        String otherOld = caseMessage(OTHER_CASE, "2018-01-01", "other family");
        String[] schedule = {"retention.items=case", "retention.item.case.category=case", "retention.item.case.clock=message-date",
            "retention.item.case.keep=P3Y"};
        lifecycle.recordEvent(OTHER_CASE, CaseLifecycle.Event.CLOSED, LocalDate.parse("2019-01-01"), "records-clerk");
        long filesBefore = countFiles();
        journal.close();
        journal = Journal.open(leafStore, stoppingBeforeDestruction(content), Clock.systemUTC());

        assertThatThrownBy(() -> disposals(schedule).request(LocalDate.parse("2024-01-01"), "privacy-officer"))
            .hasMessageContaining("server stopped");
        Disposals.Run stopped = disposals(schedule).runs().get(0);
        assertThat(stopped.status()).isEqualTo(Disposals.Status.EXECUTING);
        assertThat(journal.runsWithPendingDestruction()).containsExactly(stopped.runId());
        assertThat(countFiles()).isEqualTo(filesBefore);

        journal.close();
        journal = Journal.open(leafStore, content, Clock.systemUTC());
        List<Disposals.Run> resumed = disposals(schedule).resumeInterrupted();

        assertThat(resumed).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo(stopped.runId());
            assertThat(run.status()).isEqualTo(Disposals.Status.DONE);
        });
        assertThat(journal.runsWithPendingDestruction()).isEmpty();
        assertThat(disposed(old)).isTrue();
        assertThat(disposed(otherOld)).isTrue();
        assertThat(content.isDestroyed(KeyScope.forCase(OTHER_CASE))).isTrue();
        assertThat(new String(journal.content(recent), StandardCharsets.UTF_8)).contains("recent note");
        assertThat(countFiles()).as("the two disposed blobs, although the index no longer pointed to them").isEqualTo(filesBefore - 2);
        DisposalCertificate certificate = disposals(schedule).certificate(stopped.runId()).orElseThrow();
        assertThat(certificate.verify(signer.publicKey())).isEmpty();
        assertThat(journal.records(stopped.runId())).singleElement().isInstanceOfSatisfying(DisposalRecord.class, record -> {
            assertThat(record.certificateSha256()).isEqualTo(certificate.sha256().hex());
            assertThat(record.disposedMessages()).containsExactlyInAnyOrder(old, otherOld);
        });
        assertThat(disposals(schedule).resumeInterrupted()).isEmpty();
        var report = new JournalVerifier(journal, List.of(signer.publicKey())).verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void jrn6ARunStoppedBeforeRemovingAnythingStartsOverAtRestartAndAHoldPlacedSinceWins() throws Exception {
        String held = caseMessage(CASE, "2018-06-01", "one");
        String due = caseMessage(OTHER_CASE, "2018-06-01", "two");
        closeBothCasesIn2019();
        Disposals disposals = disposals(CLOSURE_PLUS_FIVE_TWO_PERSON);
        Disposals.Run pending = disposals.request(LocalDate.parse("2025-01-01"), "records-manager");
        try (java.sql.Connection connection = leafStore.dataSource().getConnection();
             java.sql.PreparedStatement executing = connection.prepareStatement(
                 "UPDATE retention_disposal SET status = 'executing', approved_by = 'privacy-officer' WHERE run_id = ?")) {
            executing.setString(1, pending.runId());
            assertThat(executing.executeUpdate()).isEqualTo(1); // approved, then stopped before the certificate
        }
        lifecycle.placeHold(CASE, "subpoena", "county counsel", "privacy-officer");

        List<Disposals.Run> resumed = disposals(CLOSURE_PLUS_FIVE_TWO_PERSON).resumeInterrupted();

        assertThat(resumed).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(Disposals.Status.DONE);
            assertThat(run.approvedBy()).contains("privacy-officer");
        });
        assertThat(disposed(due)).isTrue();
        assertThat(disposed(held)).isFalse();
        assertThat(new String(disposals.certificate(pending.runId()).orElseThrow().document(), StandardCharsets.UTF_8))
            .contains(due, "\"approvedBy\":\"privacy-officer\"").doesNotContain(held);
    }

    @Test
    void jrn6DisposingOneMessageOfACaseKeepsTheOthersReadableAndRemovesItsFiles() throws Exception {
        String old = caseMessage(CASE, "2018-01-01", "old note");
        String recent = caseMessage(CASE, "2023-01-01", "recent note");
        Disposals disposals = disposals("retention.items=case", "retention.item.case.category=case",
            "retention.item.case.clock=message-date", "retention.item.case.keep=P3Y");
        long filesBefore = countFiles();

        disposals.request(LocalDate.parse("2024-01-01"), "privacy-officer");

        assertThat(disposed(old)).isTrue();
        assertThat(new String(journal.content(recent), StandardCharsets.UTF_8)).contains("recent note");
        assertThat(content.isDestroyed(KeyScope.forCase(CASE))).isFalse();
        // its one stored copy, under the case's key (the receipt copy went when the case was known)
        assertThat(countFiles()).isEqualTo(filesBefore - 1);
        var report = new JournalVerifier(journal, List.of(signer.publicKey())).verify();
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void jrn5ScheduleErrorsNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> disposals("retention.items=a", "retention.item.a.category=case", "retention.item.a.clock=closure",
            "retention.item.a.keep=P1Y")).hasMessageContaining("retention.item.a.clock").hasMessageContaining("case-closure");
        assertThatThrownBy(() -> disposals("retention.items=a", "retention.item.a.category=case", "retention.item.a.clock=case-closure",
            "retention.item.a.keep=7 years")).hasMessageContaining("retention.item.a.keep").hasMessageContaining("P7Y");
        assertThatThrownBy(() -> disposals("retention.items=a", "retention.item.a.category=non-case", "retention.item.a.clock=case-closure",
            "retention.item.a.keep=P1Y")).hasMessageContaining("message-date");
        assertThatThrownBy(() -> disposals("retention.items=a", "retention.item.a.category=case")).hasMessageContaining("retention.item.a.clock");
        assertThatThrownBy(() -> disposals("retention.items=a, b", "retention.item.a.category=case", "retention.item.a.clock=case-closure",
            "retention.item.a.keep=P1Y", "retention.item.b.category=case", "retention.item.b.clock=case-closure", "retention.item.b.keep=P2Y"))
            .hasMessageContaining("overlap");
        assertThatThrownBy(() -> disposals("retention.itmes=a")).hasMessageContaining("unknown key 'retention.itmes'");
        assertThatThrownBy(() -> disposals("retention.disposal.approvals=3")).hasMessageContaining("retention.disposal.approvals");
        assertThatThrownBy(() -> disposals("retention.disposal.every=P1M")).hasMessageContaining("retention.disposal.every")
            .hasMessageContaining("months and years have no fixed length").hasMessageContaining("P30D");
        assertThatThrownBy(() -> disposals("retention.disposal.every=PT30S")).hasMessageContaining("at least one minute");
        assertThat(RetentionSchedule.fromProperties(properties("retention.disposal.every=P30D")).every()).contains(java.time.Duration.ofDays(30));
    }

    private long countFiles() throws Exception {
        return storedBlobCount(workingDirectory);
    }
}
