package org.caseguard.journal.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a disposal run would destroy as of a day (JRN-5): each due message with its copies, the schedule items that
 * made it due and the day it became due; and, by reason, how many messages are kept although their schedule exists
 * (held, clock not started yet, not yet due, no schedule item).
 */
public record DisposalPlan(LocalDate asOf, List<DueMessage> due, Map<String, Long> kept) {
    public static final String KEPT_HELD = "legal-hold";
    public static final String KEPT_CLOCK_NOT_STARTED = "clock-not-started";
    public static final String KEPT_NOT_DUE = "not-yet-due";
    public static final String KEPT_NO_SCHEDULE = "no-schedule-item";

    public record DueMessage(String messageKey, List<String> copies, List<String> cases, List<String> scheduleItems, LocalDate dueOn) {
        public DueMessage {
            copies = List.copyOf(copies);
            cases = List.copyOf(cases);
            scheduleItems = List.copyOf(scheduleItems);
        }
    }

    public DisposalPlan {
        due = List.copyOf(due);
        kept = Map.copyOf(kept);
    }
}
