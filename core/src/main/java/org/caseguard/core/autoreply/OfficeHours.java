package org.caseguard.core.autoreply;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When the office answers (OPS-2): opening hours per weekday in one time zone, and holidays on which it is closed
 * all day. Written as in the mailet configuration: {@code Mon-Fri 08:00-17:00; Sat 09:00-12:00} (entries separated
 * by {@code ;} or {@code ,}, a day or a day range such as {@code Fri-Mon}, then one or more {@code HH:mm-HH:mm}
 * ranges; {@code 24:00} ends a day) and {@code 2026-12-25, 2027-01-01}. A range is open from its start, inclusive,
 * to its end, exclusive.
 */
public final class OfficeHours {
    private record Range(LocalTime start, LocalTime end, boolean untilMidnight) {
        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (untilMidnight || time.isBefore(end));
        }

        @Override
        public String toString() {
            return start + "-" + (untilMidnight ? "24:00" : end.toString());
        }
    }

    private static final Pattern ENTRY = Pattern.compile("(\\p{Alpha}+)(?:\\s*-\\s*(\\p{Alpha}+))?\\s+(.+)");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    private final Map<DayOfWeek, List<Range>> weekly;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    private OfficeHours(Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> holidays, ZoneId zone) {
        EnumMap<DayOfWeek, List<Range>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
        this.weekly = copy;
        this.holidays = Set.copyOf(holidays);
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException naming {@code hoursParameter} or {@code holidaysParameter} and what is allowed
     */
    public static OfficeHours parse(String hoursParameter, String hours, String holidaysParameter, String holidays, ZoneId zone) {
        return new OfficeHours(parseWeekly(hoursParameter, hours), parseHolidays(holidaysParameter, holidays), zone);
    }

    private static Map<DayOfWeek, List<Range>> parseWeekly(String parameter, String value) {
        Map<DayOfWeek, List<Range>> weekly = new EnumMap<>(DayOfWeek.class);
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + parameter + "' must name opening hours such as 'Mon-Fri 08:00-17:00', got ''");
        }
        for (String entry : text.split("[;,]")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher matcher = ENTRY.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("parameter '" + parameter + "': '" + entry.trim()
                    + "' must be days and hours such as 'Mon-Fri 08:00-17:00'");
            }
            DayOfWeek first = day(parameter, matcher.group(1));
            DayOfWeek last = matcher.group(2) == null ? first : day(parameter, matcher.group(2));
            List<Range> ranges = ranges(parameter, matcher.group(3));
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                weekly.computeIfAbsent(day, d -> new ArrayList<>()).addAll(ranges);
                if (day == last) {
                    break;
                }
            }
        }
        return weekly;
    }

    private static List<Range> ranges(String parameter, String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            Matcher matcher = RANGE.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("parameter '" + parameter + "': '" + part
                    + "' must be a time range such as 08:00-17:00");
            }
            LocalTime start = time(parameter, matcher.group(1), false);
            boolean untilMidnight = matcher.group(2).equals("24:00");
            LocalTime end = untilMidnight ? LocalTime.MAX : time(parameter, matcher.group(2), true);
            if (!untilMidnight && !end.isAfter(start)) {
                throw new IllegalArgumentException("parameter '" + parameter + "': '" + part
                    + "' must end after it starts (use 24:00 for the end of the day)");
            }
            ranges.add(new Range(start, end, untilMidnight));
        }
        return ranges;
    }

    private static LocalTime time(String parameter, String text, boolean end) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + parameter + "': '" + text + "' is not a time from 00:00 to "
                + (end ? "24:00" : "23:59"));
        }
    }

    private static DayOfWeek day(String parameter, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values())
            .filter(day -> {
                String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
                return wanted.length() >= 3 && full.startsWith(wanted);
            })
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("parameter '" + parameter + "': unknown day '" + text
                + "'; days are Mon, Tue, Wed, Thu, Fri, Sat, Sun"));
    }

    private static Set<LocalDate> parseHolidays(String parameter, String value) {
        Set<LocalDate> dates = new TreeSet<>();
        if (value == null) {
            return dates;
        }
        for (String part : value.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                dates.add(LocalDate.parse(part.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("parameter '" + parameter + "': '" + part.trim()
                    + "' is not a date; write dates as YYYY-MM-DD separated by commas");
            }
        }
        return dates;
    }

    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(range -> range.contains(local.toLocalTime()));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The hours in words for replies, e.g. "Monday to Friday 08:00-17:00; Saturday 09:00-12:00". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        DayOfWeek[] days = DayOfWeek.values();
        int i = 0;
        while (i < days.length) {
            List<Range> ranges = weekly.get(days[i]);
            if (ranges == null || ranges.isEmpty()) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < days.length && ranges.equals(weekly.get(days[j + 1]))) {
                j++;
            }
            String dayText = name(days[i]) + (j > i ? " to " + name(days[j]) : "");
            parts.add(dayText + " " + ranges.stream().map(Range::toString).collect(Collectors.joining(" and ")));
            i = j + 1;
        }
        return parts.isEmpty() ? "by appointment only" : String.join("; ", parts);
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
