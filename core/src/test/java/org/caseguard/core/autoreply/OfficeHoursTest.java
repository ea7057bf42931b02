package org.caseguard.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class OfficeHoursTest {
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static OfficeHours weekdays() {
        return OfficeHours.parse("officeHours", "Mon-Fri 08:00-17:00", "holidays", "2026-12-25, 2027-01-01", LOS_ANGELES);
    }

    @Test
    void openOnWeekdaysFromStartInclusiveToEndExclusive() {
        OfficeHours hours = weekdays();
        assertThat(hours.isOpen(at("2026-11-23T08:00", LOS_ANGELES))).isTrue(); // Monday
        assertThat(hours.isOpen(at("2026-11-23T16:59", LOS_ANGELES))).isTrue();
        assertThat(hours.isOpen(at("2026-11-23T17:00", LOS_ANGELES))).isFalse();
        assertThat(hours.isOpen(at("2026-11-23T07:59", LOS_ANGELES))).isFalse();
        assertThat(hours.isOpen(at("2026-11-28T10:00", LOS_ANGELES))).isFalse(); // Saturday
    }

    @Test
    void closedAllDayOnHolidays() {
        OfficeHours hours = weekdays();
        assertThat(hours.isOpen(at("2026-12-25T10:00", LOS_ANGELES))).isFalse(); // a Friday
        assertThat(hours.isOpen(at("2026-12-24T10:00", LOS_ANGELES))).isTrue();
        assertThat(hours.isOpen(at("2027-01-01T12:00", LOS_ANGELES))).isFalse();
    }

    @Test
    void hoursAreReadInTheOfficesZoneNotUtc() {
        OfficeHours hours = weekdays();
        // Monday 16:30 in Los Angeles is already Tuesday 00:30 UTC; 08:30 UTC Monday is 00:30 in Los Angeles.
        assertThat(hours.isOpen(Instant.parse("2026-11-24T00:30:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-11-23T08:30:00Z"))).isFalse();
        // A holiday is a local date: 25 December 00:30 UTC is still 24 December, 16:30, in Los Angeles.
        assertThat(hours.isOpen(Instant.parse("2026-12-25T00:30:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-12-25T18:00:00Z"))).isFalse();
    }

    @Test
    void severalRangesDaysAndWrappingDayRanges() {
        OfficeHours hours = OfficeHours.parse("officeHours", "Mon-Fri 08:00-12:00 13:00-17:00; Sat 09:00-24:00", "holidays", "", LOS_ANGELES);
        assertThat(hours.isOpen(at("2026-11-23T12:30", LOS_ANGELES))).isFalse();
        assertThat(hours.isOpen(at("2026-11-23T13:00", LOS_ANGELES))).isTrue();
        assertThat(hours.isOpen(at("2026-11-28T23:59:59", LOS_ANGELES))).isTrue();
        assertThat(hours.describe()).isEqualTo("Monday to Friday 08:00-12:00 and 13:00-17:00; Saturday 09:00-24:00");

        OfficeHours weekend = OfficeHours.parse("officeHours", "Fri-Mon 10:00-14:00", "holidays", null, LOS_ANGELES);
        assertThat(weekend.isOpen(at("2026-11-29T11:00", LOS_ANGELES))).isTrue(); // Sunday
        assertThat(weekend.isOpen(at("2026-11-25T11:00", LOS_ANGELES))).isFalse(); // Wednesday
    }

    @Test
    void parseErrorsNameTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "Mon-Fry 08:00-17:00", "holidays", "", LOS_ANGELES))
            .hasMessageContaining("parameter 'officeHours'").hasMessageContaining("unknown day 'Fry'").hasMessageContaining("Mon, Tue");
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "Mon-Fri 17:00-08:00", "holidays", "", LOS_ANGELES))
            .hasMessageContaining("parameter 'officeHours'").hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "Mon-Fri 8-17", "holidays", "", LOS_ANGELES))
            .hasMessageContaining("parameter 'officeHours'").hasMessageContaining("08:00-17:00");
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "Mon-Fri 08:00-25:00", "holidays", "", LOS_ANGELES))
            .hasMessageContaining("'25:00' is not a time");
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "", "holidays", "", LOS_ANGELES))
            .hasMessageContaining("parameter 'officeHours'");
        assertThatThrownBy(() -> OfficeHours.parse("officeHours", "Mon-Fri 08:00-17:00", "holidays", "2026-12-25, 25/12/2026", LOS_ANGELES))
            .hasMessageContaining("parameter 'holidays'").hasMessageContaining("'25/12/2026' is not a date").hasMessageContaining("YYYY-MM-DD");
    }
}
