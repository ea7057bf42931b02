package org.caseguard.journal.content;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unit of content keys (JRN-5, JRN-6): everything stored under one scope is encrypted with that scope's key, so
 * destroying the key destroys exactly that content, even on a blob store that forbids deletion (S3 Object Lock).
 * <ul>
 * <li>{@code case:<case id>}: the content of mail bound to one case; disposed with the case's record.</li>
 * <li>{@code day:<yyyy-mm-dd>}: content as received, before classification has bound it to a case, and non-case
 *     mail; disposed when that day's non-case retention is over.</li>
 * </ul>
 */
public record KeyScope(String value) {
    private static final Pattern FORM = Pattern.compile("(case:[A-Za-z0-9][A-Za-z0-9._-]{0,63})|(day:\\d{4}-\\d{2}-\\d{2})");

    public KeyScope {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("key scope must be case:<id> (letters, digits, . _ -, at most 64) or day:<yyyy-mm-dd>, got '" + value + "'");
        }
    }

    public static KeyScope forCase(String caseId) {
        return new KeyScope("case:" + caseId);
    }

    public static KeyScope forDay(java.time.LocalDate day) {
        return new KeyScope("day:" + day);
    }

    public boolean isCase() {
        return value.startsWith("case:");
    }

    @Override
    public String toString() {
        return value;
    }
}
