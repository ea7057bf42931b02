package org.caseguard.journal.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.caseguard.journal.store.JournalUnavailableException;

/**
 * JRN-5: what retention needs to know about cases that mail alone does not tell: a case's program, when it was closed
 * or reopened, and legal holds. Events and holds are never overwritten: a reopening is a new event, a release is
 * written onto the hold with who and why.
 */
public final class CaseLifecycle {
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public enum Event { CLOSED, REOPENED }

    /** What retention reads about one case: its program and the day its current closure started, if it is closed. */
    public record CaseFacts(String caseId, Optional<String> program, Optional<LocalDate> closedOn) {
    }

    public record Hold(String holdId, String caseId, String reason, String owner, String placedBy, Instant placedAt,
                       Optional<String> releasedBy, Optional<Instant> releasedAt, Optional<String> releaseReason) {
        public boolean active() {
            return releasedAt.isEmpty();
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public CaseLifecycle(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void setProgram(String caseId, Optional<String> program, String actor) {
        checkCase(caseId);
        program.ifPresent(value -> {
            if (!PROGRAM.matcher(value).matches()) {
                throw new IllegalArgumentException("\"program\": letters, digits, . _ - (at most 64), got \"" + value + "\"");
            }
        });
        execute(connection -> {
            int updated = update(connection, "UPDATE retention_case SET program = ?, updated_at = ?, updated_by = ? WHERE case_id = ?",
                program.orElse(null), clock.millis(), actor, caseId);
            if (updated == 0) {
                update(connection, "INSERT INTO retention_case (case_id, program, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                    caseId, program.orElse(null), clock.millis(), actor);
            }
            return null;
        });
    }

    /** Records a closure or a reopening on the given day. A reopening stops a closure clock; the next closure restarts it. */
    public void recordEvent(String caseId, Event event, LocalDate effectiveOn, String actor) {
        checkCase(caseId);
        Objects.requireNonNull(effectiveOn, "effectiveOn");
        execute(connection -> update(connection,
            "INSERT INTO retention_case_event (case_id, event, effective_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
            caseId, event == Event.CLOSED ? "closed" : "reopened", effectiveOn.toString(), clock.millis(), actor));
    }

    public CaseFacts facts(String caseId) {
        return execute(connection -> {
            Optional<String> program = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement("SELECT program FROM retention_case WHERE case_id = ?")) {
                select.setString(1, caseId);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        program = Optional.ofNullable(rows.getString(1));
                    }
                }
            }
            Optional<LocalDate> closedOn = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement(
                "SELECT event, effective_on FROM retention_case_event WHERE case_id = ? ORDER BY event_id DESC")) {
                select.setString(1, caseId);
                select.setMaxRows(1);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && rows.getString(1).equals("closed")) {
                        closedOn = Optional.of(LocalDate.parse(rows.getString(2)));
                    }
                }
            }
            return new CaseFacts(caseId, program, closedOn);
        });
    }

    /** Places a legal hold on a case; it covers the case's mail already journaled and mail that arrives later. */
    public Hold placeHold(String caseId, String reason, String owner, String actor) {
        checkCase(caseId);
        requireText("reason", reason, 1000);
        requireText("owner", owner, 200);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.ofEpochMilli(clock.millis());
        execute(connection -> update(connection,
            "INSERT INTO retention_hold (hold_id, case_id, reason, owner, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?)",
            id, caseId, reason.trim(), owner.trim(), actor, now.toEpochMilli()));
        return new Hold(id, caseId, reason.trim(), owner.trim(), actor, now, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Releases an active hold; false when there is no such hold or it was released already. */
    public boolean releaseHold(String holdId, String reason, String actor) {
        requireText("reason", reason, 1000);
        return execute(connection -> update(connection,
            "UPDATE retention_hold SET released_by = ?, released_at = ?, release_reason = ? WHERE hold_id = ? AND released_at IS NULL",
            actor, clock.millis(), reason.trim(), holdId)) == 1;
    }

    public Optional<Hold> hold(String holdId) {
        return holds("SELECT * FROM retention_hold WHERE hold_id = ?", holdId).stream().findFirst();
    }

    public List<Hold> holdsOf(String caseId) {
        return holds("SELECT * FROM retention_hold WHERE case_id = ? ORDER BY placed_at, hold_id", caseId);
    }

    public List<Hold> activeHolds() {
        return holds("SELECT * FROM retention_hold WHERE released_at IS NULL ORDER BY placed_at, hold_id");
    }

    public Set<String> heldCases() {
        Set<String> held = new HashSet<>();
        activeHolds().forEach(hold -> held.add(hold.caseId()));
        return held;
    }

    private List<Hold> holds(String sql, Object... parameters) {
        return execute(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                List<Hold> holds = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long releasedAt = rows.getLong("released_at");
                        boolean released = !rows.wasNull();
                        holds.add(new Hold(rows.getString("hold_id"), rows.getString("case_id"), rows.getString("reason"), rows.getString("owner"),
                            rows.getString("placed_by"), Instant.ofEpochMilli(rows.getLong("placed_at")), Optional.ofNullable(rows.getString("released_by")),
                            released ? Optional.of(Instant.ofEpochMilli(releasedAt)) : Optional.empty(), Optional.ofNullable(rows.getString("release_reason"))));
                    }
                }
                return holds;
            }
        });
    }

    /** The one check of a case identifier's form, for the routes as well: letters, digits, . _ - (at most 64). */
    public static void checkCase(String caseId) {
        if (caseId == null || !CASE_ID.matcher(caseId).matches()) {
            throw new IllegalArgumentException("case: letters, digits, . _ - (at most 64), got \"" + caseId + "\"");
        }
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("\"" + field + "\": required, 1 to " + max + " characters");
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T execute(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new JournalUnavailableException("retention: the journal database failed", e);
        }
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
