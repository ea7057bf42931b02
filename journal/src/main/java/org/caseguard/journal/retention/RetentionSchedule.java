package org.caseguard.journal.retention;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JRN-5: the agency's retention schedule and disposal settings, from {@code retention.*} keys of
 * {@code caseguard.properties}. Without {@code retention.items} nothing is ever due: mail is kept.
 * <pre>
 * retention.items=cw-case, other-case, non-case
 * retention.item.cw-case.category=case
 * retention.item.cw-case.program=child-welfare
 * retention.item.cw-case.clock=case-closure, client-age:23
 * retention.item.cw-case.keep=P7Y
 * retention.item.non-case.category=non-case
 * retention.item.non-case.clock=message-date
 * retention.item.non-case.keep=P2Y
 * retention.zone=America/Chicago
 * retention.disposal.approvals=2
 * retention.disposal.every=P1D
 * </pre>
 */
public record RetentionSchedule(List<ScheduleItem> items, ZoneId zone, int approvals, Optional<Duration> every) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> ITEM_FIELDS = Set.of("category", "program", "clock", "keep");
    private static final Set<String> SETTINGS = Set.of("retention.items", "retention.zone", "retention.disposal.approvals", "retention.disposal.every");

    public RetentionSchedule {
        items = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (ScheduleItem item : items) {
            String selector = item.category() + "|" + item.program().orElse("");
            if (!seen.add(selector)) {
                throw new IllegalArgumentException("retention: items overlap: two items for " + item.describe().replaceAll(" clock=.*", "")
                    + " (one item per category and program)");
            }
        }
    }

    public static RetentionSchedule none() {
        return new RetentionSchedule(List.of(), ZoneId.of("UTC"), 1, Optional.empty());
    }

    /** The item for a case of this program: the program's own item, else the case item without program. */
    public Optional<ScheduleItem> forCase(Optional<String> program) {
        Optional<ScheduleItem> own = program.flatMap(value -> find(ScheduleItem.Category.CASE, Optional.of(value)));
        return own.isPresent() ? own : find(ScheduleItem.Category.CASE, Optional.empty());
    }

    public Optional<ScheduleItem> forNonCase() {
        return find(ScheduleItem.Category.NON_CASE, Optional.empty());
    }

    public Optional<ScheduleItem> item(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst();
    }

    private Optional<ScheduleItem> find(ScheduleItem.Category category, Optional<String> program) {
        return items.stream().filter(item -> item.category() == category && item.program().equals(program)).findFirst();
    }

    public static RetentionSchedule fromProperties(Properties properties) {
        String list = properties.getProperty("retention.items", "").trim();
        List<String> ids = list.isEmpty() ? List.of() : List.of(list.split("\\s*,\\s*"));
        Set<String> known = new HashSet<>(SETTINGS);
        Map<String, ScheduleItem> items = new LinkedHashMap<>();
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("caseguard.properties: 'retention.items': item ids are letters, digits, . _ - (at most 64), got '" + id + "'");
            }
            if (items.containsKey(id)) {
                throw new IllegalArgumentException("caseguard.properties: 'retention.items' names '" + id + "' twice");
            }
            ITEM_FIELDS.forEach(field -> known.add("retention.item." + id + "." + field));
            items.put(id, item(properties, id));
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("retention.") && !known.contains(key)) {
                throw new IllegalArgumentException("caseguard.properties: unknown key '" + key + "'; retention keys are " + SETTINGS
                    + " and retention.item.<id>.{category,program,clock,keep} for each id in 'retention.items'");
            }
        }
        return new RetentionSchedule(new ArrayList<>(items.values()), zone(properties), approvals(properties), every(properties));
    }

    private static ScheduleItem item(Properties properties, String id) {
        String prefix = "retention.item." + id + ".";
        String categoryText = required(properties, prefix + "category").toLowerCase(Locale.ROOT);
        ScheduleItem.Category category = switch (categoryText) {
            case "case" -> ScheduleItem.Category.CASE;
            case "non-case" -> ScheduleItem.Category.NON_CASE;
            default -> throw new IllegalArgumentException("caseguard.properties: '" + prefix + "category' must be case or non-case, got '" + categoryText + "'");
        };
        String programText = properties.getProperty(prefix + "program", "").trim();
        Optional<String> program = programText.isEmpty() ? Optional.empty() : Optional.of(programText);
        if (program.isPresent() && category == ScheduleItem.Category.NON_CASE) {
            throw new IllegalArgumentException("caseguard.properties: '" + prefix + "program' applies to case items only");
        }
        List<ClockStart> clocks = new ArrayList<>();
        for (String clock : required(properties, prefix + "clock").split(",")) {
            ClockStart start = ClockStart.parse(prefix + "clock", clock);
            if (category == ScheduleItem.Category.NON_CASE && start.kind() != ClockStart.Kind.MESSAGE_DATE) {
                throw new IllegalArgumentException("caseguard.properties: '" + prefix + "clock': non-case mail has no case or client, so its clock must be message-date, got '" + start + "'");
            }
            clocks.add(start);
        }
        String keepText = required(properties, prefix + "keep");
        Period keep;
        try {
            keep = Period.parse(keepText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("caseguard.properties: '" + prefix + "keep' must be an ISO-8601 period such as P7Y or P18M, got '" + keepText + "'");
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("caseguard.properties: '" + prefix + "keep' must be longer than zero, got '" + keepText + "'");
        }
        return new ScheduleItem(id, category, program, clocks, keep);
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: '" + key + "' is required for each item of 'retention.items'");
        }
        return value;
    }

    private static ZoneId zone(Properties properties) {
        String text = properties.getProperty("retention.zone", "UTC").trim();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("caseguard.properties: 'retention.zone' must be a time zone id such as UTC or America/Chicago, got '" + text + "'");
        }
    }

    private static int approvals(Properties properties) {
        String text = properties.getProperty("retention.disposal.approvals", "1").trim();
        return switch (text) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new IllegalArgumentException("caseguard.properties: 'retention.disposal.approvals' must be 1 (the requester executes) or 2 (a second person approves), got '" + text + "'");
        };
    }

    private static Optional<Duration> every(Properties properties) {
        String text = properties.getProperty("retention.disposal.every", "").trim();
        if (text.isEmpty() || text.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            Duration every;
            if (text.startsWith("P") && !text.contains("T")) {
                Period period = Period.parse(text);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    throw new IllegalArgumentException("caseguard.properties: 'retention.disposal.every' must be given in days or less "
                        + "(P30D, P7D, PT6H): months and years have no fixed length, got '" + text + "'");
                }
                every = Duration.ofDays(period.getDays());
            } else {
                every = Duration.parse(text);
            }
            if (every.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("caseguard.properties: 'retention.disposal.every' must be at least one minute, got '" + text + "'");
            }
            return Optional.of(every);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("caseguard.properties: 'retention.disposal.every' must be an ISO-8601 duration such as P1D or PT6H, or off, got '" + text + "'");
        }
    }
}
