package org.caseguard.journal.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.caseguard.journal.store.JournalUnavailableException;

/**
 * JRN-5: decides which journaled messages are due for disposal on a day. A message bound to cases is due when, for
 * every one of its cases, the case's schedule item has all its clocks started and its period run out, and no case
 * of it is on legal hold; a message bound to no case follows the non-case item from its receipt date. Outbound
 * copies follow their original. Whatever cannot be decided (no item, unknown closure or birth date) is kept.
 */
public final class DisposalPlanner {
    private final DataSource dataSource;
    private final RetentionSchedule schedule;
    private final CaseLifecycle lifecycle;
    private final CaseDirectory directory;

    public DisposalPlanner(DataSource dataSource, RetentionSchedule schedule, CaseLifecycle lifecycle, CaseDirectory directory) {
        this.dataSource = dataSource;
        this.schedule = schedule;
        this.lifecycle = lifecycle;
        this.directory = directory;
    }

    private record Message(String key, Instant receivedAt) {
    }

    /** A case's verdict on its messages: kept for a reason, or due from a day, under an item. */
    private record CaseDue(Optional<String> keptFor, Optional<LocalDate> startedOn, Optional<ScheduleItem> item) {
    }

    public DisposalPlan plan(LocalDate asOf) {
        List<Message> messages = new ArrayList<>();
        Map<String, List<String>> casesOf = new HashMap<>();
        Map<String, List<String>> copiesOf = new HashMap<>();
        read(messages, casesOf, copiesOf);
        Set<String> held = lifecycle.heldCases();
        Map<String, CaseDue> caseDue = new HashMap<>();
        List<DisposalPlan.DueMessage> due = new ArrayList<>();
        Map<String, Long> kept = new TreeMap<>();
        for (Message message : messages) {
            LocalDate received = LocalDate.ofInstant(message.receivedAt(), schedule.zone());
            List<String> cases = casesOf.getOrDefault(message.key(), List.of());
            Optional<String> keptFor = Optional.empty();
            LocalDate dueOn = LocalDate.MIN;
            Set<String> items = new TreeSet<>();
            if (cases.isEmpty()) {
                Optional<ScheduleItem> item = schedule.forNonCase();
                if (item.isEmpty()) {
                    keptFor = Optional.of(DisposalPlan.KEPT_NO_SCHEDULE);
                } else {
                    dueOn = received.plus(item.get().keep());
                    items.add(item.get().id());
                }
            } else {
                for (String caseId : cases) {
                    CaseDue verdict = caseDue.computeIfAbsent(caseId, id -> caseDue(id, held));
                    if (verdict.keptFor().isPresent()) {
                        keptFor = keptFor.isPresent() && keptFor.get().equals(DisposalPlan.KEPT_HELD) ? keptFor : verdict.keptFor();
                        continue;
                    }
                    ScheduleItem item = verdict.item().orElseThrow();
                    LocalDate start = verdict.startedOn().orElse(LocalDate.MIN);
                    if (item.clocks().stream().anyMatch(clock -> clock.kind() == ClockStart.Kind.MESSAGE_DATE) && received.isAfter(start)) {
                        start = received;
                    }
                    LocalDate caseDueOn = start.plus(item.keep());
                    if (caseDueOn.isAfter(dueOn)) {
                        dueOn = caseDueOn;
                    }
                    items.add(item.id());
                }
            }
            if (keptFor.isEmpty() && dueOn.isAfter(asOf)) {
                keptFor = Optional.of(DisposalPlan.KEPT_NOT_DUE);
            }
            if (keptFor.isPresent()) {
                kept.merge(keptFor.get(), 1L, Long::sum);
            } else {
                due.add(new DisposalPlan.DueMessage(message.key(), copiesOf.getOrDefault(message.key(), List.of()), cases, List.copyOf(items), dueOn));
            }
        }
        return new DisposalPlan(asOf, due, kept);
    }

    /**
     * The latest start among the item's clocks that do not depend on the message (closure, clients' ages); message
     * dates are added per message.
     */
    private CaseDue caseDue(String caseId, Set<String> held) {
        CaseLifecycle.CaseFacts facts = lifecycle.facts(caseId);
        Optional<ScheduleItem> item = schedule.forCase(facts.program());
        if (item.isEmpty()) {
            return new CaseDue(Optional.of(DisposalPlan.KEPT_NO_SCHEDULE), Optional.empty(), Optional.empty());
        }
        if (held.contains(caseId)) {
            return new CaseDue(Optional.of(DisposalPlan.KEPT_HELD), Optional.empty(), item);
        }
        LocalDate start = LocalDate.MIN;
        for (ClockStart clock : item.get().clocks()) {
            Optional<LocalDate> started = switch (clock.kind()) {
                case MESSAGE_DATE -> Optional.of(LocalDate.MIN);
                case CASE_CLOSURE -> facts.closedOn();
                case CLIENT_AGE -> latestBirthday(caseId, clock.years());
            };
            if (started.isEmpty()) {
                return new CaseDue(Optional.of(DisposalPlan.KEPT_CLOCK_NOT_STARTED), Optional.empty(), item);
            }
            if (started.get().isAfter(start)) {
                start = started.get();
            }
        }
        return new CaseDue(Optional.empty(), Optional.of(start), item);
    }

    private Optional<LocalDate> latestBirthday(String caseId, int years) {
        List<Optional<LocalDate>> births = directory.clientBirthDates(caseId);
        if (births.isEmpty() || births.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return births.stream().map(birth -> birth.get().plusYears(years)).max(LocalDate::compareTo);
    }

    private void read(List<Message> messages, Map<String, List<String>> casesOf, Map<String, List<String>> copiesOf) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                "SELECT message_key, received_at, original_key FROM journal_message WHERE disposed_run IS NULL ORDER BY received_leaf");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String original = rows.getString(3);
                    if (original == null) {
                        messages.add(new Message(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))));
                    } else {
                        copiesOf.computeIfAbsent(original, key -> new ArrayList<>()).add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT message_key, case_id FROM journal_case ORDER BY case_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    casesOf.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("retention: the journal index could not be read", e);
        }
    }
}
