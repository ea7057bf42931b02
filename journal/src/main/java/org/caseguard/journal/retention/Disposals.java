package org.caseguard.journal.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.caseguard.journal.Hash;
import org.caseguard.journal.SignedTreeHead;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.entry.DisposalRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JRN-5, JRN-6: disposal runs. A run is requested for a day; with one approval configured the requester's request
 * executes at once, with two it waits for a second, different person, and executes only what is still due then (a
 * hold placed meanwhile wins). Executing signs a tree head, writes the signed certificate, destroys the content
 * ({@link Journal#destroyMessages}) and binds the certificate into the log.
 */
public final class Disposals {
    private static final Logger LOGGER = LoggerFactory.getLogger(Disposals.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    public static final String SCHEDULER = "caseguard-scheduler";

    public enum Status { PENDING, EXECUTING, DONE, REJECTED }

    public record Run(String runId, Status status, LocalDate asOf, String requestedBy, Instant requestedAt, List<String> planned,
                      Optional<String> approvedBy, Optional<Instant> executedAt) {
    }

    /** A request that cannot be honoured as asked (approving one's own run, approving a finished run). */
    public static final class DisposalConflictException extends RuntimeException {
        public DisposalConflictException(String message) {
            super(message);
        }
    }

    private final Journal journal;
    private final DataSource dataSource;
    private final RetentionSchedule schedule;
    private final DisposalPlanner planner;
    private final TreeHeadSigner signer;
    private final Clock clock;
    private final int maxMessagesPerRun;

    public Disposals(Journal journal, RetentionSchedule schedule, CaseLifecycle lifecycle, CaseDirectory directory, TreeHeadSigner signer,
                     Clock clock, int maxMessagesPerRun) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.dataSource = journal.leafStore().dataSource();
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.planner = new DisposalPlanner(dataSource, schedule, lifecycle, directory);
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxMessagesPerRun < 1) {
            throw new IllegalArgumentException("maxMessagesPerRun must be at least 1, got " + maxMessagesPerRun);
        }
        this.maxMessagesPerRun = maxMessagesPerRun;
    }

    public RetentionSchedule schedule() {
        return schedule;
    }

    public DisposalPlan preview(LocalDate asOf) {
        return planner.plan(asOf);
    }

    /** Requests a run for the day: executed at once with one approval, pending with two. */
    public synchronized Run request(LocalDate asOf, String actor) {
        resumeInterrupted();
        DisposalPlan plan = planner.plan(asOf);
        List<String> planned = plan.due().stream().limit(maxMessagesPerRun).map(DisposalPlan.DueMessage::messageKey).toList();
        String runId = UUID.randomUUID().toString();
        Instant now = Instant.ofEpochMilli(clock.millis());
        execute(connection -> update(connection,
            "INSERT INTO retention_disposal (run_id, status, as_of, requested_by, requested_at, planned) VALUES (?, 'pending', ?, ?, ?, ?)",
            runId, asOf.toString(), actor, now.toEpochMilli(), json(planned)));
        LOGGER.info("caseguard disposal requested rule=JRN-5 run={} asOf={} due={}", runId, asOf, planned.size());
        if (schedule.approvals() == 1) {
            return executeRun(runId, actor);
        }
        return run(runId).orElseThrow();
    }

    /** The second person's approval of a pending run, which then executes. */
    public synchronized Run approve(String runId, String actor) {
        Run run = run(runId).orElseThrow(() -> new IllegalArgumentException("no disposal run " + runId));
        if (run.status() != Status.PENDING) {
            throw new DisposalConflictException("disposal run " + runId + " is " + run.status().name().toLowerCase() + ", not pending");
        }
        if (run.requestedBy().equals(actor)) {
            throw new DisposalConflictException("two-person approval (JRN-6): the approver must be another person than the requester");
        }
        return executeRun(runId, actor);
    }

    public synchronized Run reject(String runId, String actor) {
        Run run = run(runId).orElseThrow(() -> new IllegalArgumentException("no disposal run " + runId));
        if (run.status() != Status.PENDING) {
            throw new DisposalConflictException("disposal run " + runId + " is " + run.status().name().toLowerCase() + ", not pending");
        }
        execute(connection -> update(connection, "UPDATE retention_disposal SET status = 'rejected', approved_by = ? WHERE run_id = ?", actor, runId));
        return run(runId).orElseThrow();
    }

    /** The scheduled run: requests one for today unless one is already waiting for approval. */
    public synchronized Optional<Run> runScheduled() {
        resumeInterrupted();
        if (runs().stream().anyMatch(run -> run.status() == Status.PENDING)) {
            return Optional.empty();
        }
        return Optional.of(request(LocalDate.now(clock.withZone(schedule.zone())), SCHEDULER));
    }

    private Run executeRun(String runId, String approver) {
        Run run = run(runId).orElseThrow();
        Set<String> approved = new LinkedHashSet<>(run.planned());
        List<DisposalPlan.DueMessage> due = planner.plan(run.asOf()).due().stream().filter(message -> approved.contains(message.messageKey())).toList();
        execute(connection -> update(connection, "UPDATE retention_disposal SET status = 'executing', approved_by = ? WHERE run_id = ?", approver, runId));
        SignedTreeHead head = signer.publish(journal.log());
        Instant executedAt = Instant.ofEpochMilli(clock.millis());
        byte[] document = certificateDocument(run, approver, executedAt, head, due);
        byte[] signature = signer.signDocument(document);
        execute(connection -> update(connection, "UPDATE retention_disposal SET certificate = ?, signature = ?, executed_at = ? WHERE run_id = ?",
            document, signature, executedAt.toEpochMilli(), runId));
        List<String> keys = new ArrayList<>();
        Set<String> items = new java.util.TreeSet<>();
        for (DisposalPlan.DueMessage message : due) {
            keys.add(message.messageKey());
            keys.addAll(message.copies());
            items.addAll(message.scheduleItems());
        }
        journal.destroyMessages(keys, runId);
        complete(run, approver, executedAt, document, keys, items);
        LOGGER.info("caseguard disposal executed rule=JRN-6 run={} messages={} items={}", runId, due.size(), items);
        return run(runId).orElseThrow();
    }

    private void complete(Run run, String approver, Instant executedAt, byte[] document, List<String> keys, Set<String> items) {
        if (journal.leafEntries(run.runId()).isEmpty()) {
            journal.recordDisposal(new DisposalRecord(run.runId(), executedAt, Hash.sha256(document).hex(), keys, List.copyOf(items),
                run.requestedBy(), approver));
        }
        execute(connection -> update(connection, "UPDATE retention_disposal SET status = 'done' WHERE run_id = ?", run.runId()));
    }

    /**
     * JRN-6: finishes the runs a stop or crash interrupted while executing; called at start and before each run. A run
     * that had not yet removed anything from the index starts over (its unused certificate is discarded, and a hold
     * placed since wins); one that had finishes exactly what its certificate lists: the content still to destroy,
     * the log record, the status. Returns the runs it finished.
     */
    public synchronized List<Run> resumeInterrupted() {
        List<Run> resumed = new ArrayList<>();
        for (Run run : runs()) {
            if (run.status() != Status.EXECUTING) {
                continue;
            }
            String approver = run.approvedBy().orElse(run.requestedBy());
            if (journal.messagesDisposedBy(run.runId()) == 0 && journal.leafEntries(run.runId()).isEmpty()) {
                execute(connection -> update(connection,
                    "UPDATE retention_disposal SET certificate = NULL, signature = NULL, executed_at = NULL WHERE run_id = ?", run.runId()));
                resumed.add(executeRun(run.runId(), approver));
            } else {
                DisposalCertificate certificate = certificate(run.runId()).orElseThrow(() -> new IllegalStateException(
                    "disposal run " + run.runId() + " removed messages but has no certificate; the journal database was changed by hand"));
                List<String> keys = new ArrayList<>();
                Set<String> items = new java.util.TreeSet<>();
                for (com.fasterxml.jackson.databind.JsonNode disposed : certificate.parsed().path("disposed")) {
                    disposed.path("messages").forEach(message -> keys.add(message.path("messageKey").asText()));
                    disposed.path("scheduleItems").forEach(item -> items.add(item.asText()));
                }
                journal.finishDestruction(run.runId());
                complete(run, approver, run.executedAt().orElseThrow(), certificate.document(), keys, items);
                resumed.add(run(run.runId()).orElseThrow());
            }
            LOGGER.info("caseguard disposal resumed rule=JRN-6 run={}", run.runId());
        }
        return resumed;
    }

    private byte[] certificateDocument(Run run, String approver, Instant executedAt, SignedTreeHead head, List<DisposalPlan.DueMessage> due) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", DisposalCertificate.FORMAT);
        document.put("runId", run.runId());
        document.put("asOf", run.asOf().toString());
        document.put("requestedBy", run.requestedBy());
        document.put("approvedBy", approver);
        document.put("executedAt", executedAt.toString());
        Map<String, String> items = new TreeMap<>();
        List<Object> messages = new ArrayList<>();
        for (DisposalPlan.DueMessage message : due) {
            message.scheduleItems().forEach(id -> schedule.item(id).ifPresent(item -> items.put(id, item.describe())));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("messageKey", message.messageKey());
            entry.put("cases", message.cases());
            entry.put("scheduleItems", message.scheduleItems());
            entry.put("dueOn", message.dueOn().toString());
            List<Object> copies = new ArrayList<>();
            copies.add(describe(message.messageKey(), head));
            message.copies().forEach(copy -> copies.add(describe(copy, head)));
            entry.put("messages", copies);
            messages.add(entry);
        }
        document.put("scheduleItems", items);
        document.put("disposed", messages);
        try {
            document.put("treeHead", JSON.readTree(head.toJson()));
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> describe(String messageKey, SignedTreeHead head) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageKey", messageKey);
        query("SELECT content_sha256, content_size FROM journal_message WHERE message_key = ?", messageKey, rows -> {
            message.put("contentSha256", Hash.of(rows.getBytes(1)).hex());
            message.put("size", rows.getLong(2));
            return null;
        });
        List<Object> entries = new ArrayList<>();
        for (Journal.LeafEntry leaf : journal.leafEntries(messageKey)) {
            if (leaf.leafIndex() >= head.treeSize()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("leafIndex", leaf.leafIndex());
            entry.put("kind", leaf.kind());
            entry.put("entryHash", leaf.entryHash().base64());
            entry.put("inclusionPath", journal.log().inclusionProof(leaf.leafIndex(), head.treeSize()).stream().map(Hash::base64).toList());
            entries.add(entry);
        }
        message.put("entries", entries);
        return message;
    }

    public Optional<DisposalCertificate> certificate(String runId) {
        List<DisposalCertificate> found = query("SELECT certificate, signature FROM retention_disposal WHERE run_id = ? AND certificate IS NOT NULL", runId,
            rows -> new DisposalCertificate(rows.getBytes(1), rows.getBytes(2)));
        return found.stream().findFirst();
    }

    public Optional<Run> run(String runId) {
        return query("SELECT * FROM retention_disposal WHERE run_id = ?", runId, Disposals::run).stream().findFirst();
    }

    public List<Run> runs() {
        return query("SELECT * FROM retention_disposal ORDER BY requested_at DESC, run_id", null, Disposals::run);
    }

    private static Run run(ResultSet rows) throws SQLException {
        long executedAt = rows.getLong("executed_at");
        boolean executed = !rows.wasNull();
        List<String> planned;
        try {
            planned = JSON.readValue(rows.getBytes("planned"), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new SQLException("retention_disposal.planned is not a JSON list", e);
        }
        return new Run(rows.getString("run_id"), Status.valueOf(rows.getString("status").toUpperCase()), LocalDate.parse(rows.getString("as_of")),
            rows.getString("requested_by"), Instant.ofEpochMilli(rows.getLong("requested_at")), planned,
            Optional.ofNullable(rows.getString("approved_by")), executed ? Optional.of(Instant.ofEpochMilli(executedAt)) : Optional.empty());
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> T execute(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new JournalUnavailableException("retention: the journal database failed", e);
        }
    }

    private <T> List<T> query(String sql, String parameter, RowMapper<T> mapper) {
        return execute(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<T> results = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        results.add(mapper.map(rows));
                    }
                }
                return results;
            }
        });
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
