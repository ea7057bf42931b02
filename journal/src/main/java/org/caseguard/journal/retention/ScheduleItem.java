package org.caseguard.journal.retention;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JRN-5: one line of the retention schedule. Mail of its category (and program, for case mail) is kept for
 * {@code keep} after the latest of its clocks has started; with several clocks ("7 years after closure, and at least
 * until the client is 23") every one of them must have started.
 */
public record ScheduleItem(String id, Category category, Optional<String> program, List<ClockStart> clocks, Period keep) {
    public enum Category { CASE, NON_CASE }

    public ScheduleItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(program, "program");
        clocks = List.copyOf(clocks);
        Objects.requireNonNull(keep, "keep");
    }

    /** What the disposal certificate says about the item, so that it can be read without the configuration. */
    public String describe() {
        return "category=" + (category == Category.CASE ? "case" : "non-case") + program.map(value -> " program=" + value).orElse("")
            + " clock=" + clocks.stream().map(ClockStart::toString).collect(Collectors.joining(",")) + " keep=" + keep;
    }
}
