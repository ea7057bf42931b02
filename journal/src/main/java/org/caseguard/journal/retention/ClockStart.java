package org.caseguard.journal.retention;

import java.util.Locale;

/**
 * JRN-5: the event a retention period counts from. {@code client-age:<years>} is the day the case's clients reach that
 * age (the latest of them, when a case has several).
 */
public record ClockStart(Kind kind, int years) {
    public enum Kind { MESSAGE_DATE, CASE_CLOSURE, CLIENT_AGE }

    static final String ALLOWED = "message-date, case-closure or client-age:<years>";

    public static ClockStart parse(String key, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("message-date")) {
            return new ClockStart(Kind.MESSAGE_DATE, 0);
        }
        if (value.equals("case-closure")) {
            return new ClockStart(Kind.CASE_CLOSURE, 0);
        }
        if (value.startsWith("client-age:")) {
            try {
                int years = Integer.parseInt(value.substring("client-age:".length()));
                if (years >= 1 && years <= 120) {
                    return new ClockStart(Kind.CLIENT_AGE, years);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + key + "': client-age needs a whole number of years from 1 to 120, got '" + text.trim() + "'");
        }
        throw new IllegalArgumentException("'" + key + "': each clock must be " + ALLOWED + ", got '" + text.trim() + "'");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MESSAGE_DATE -> "message-date";
            case CASE_CLOSURE -> "case-closure";
            case CLIENT_AGE -> "client-age:" + years;
        };
    }
}
