package org.caseguard.journal.content;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unit of content keys (JRN-5, JRN-6): everything stored under one scope is encrypted with that scope's key, so
 * destroying the key destroys exactly that content, even on a blob store that forbids deletion (S3 Object Lock).
 * <ul>
 * <li>{@code msg:<message key>}: one message as received, before classification may bind it to a case; disposed
 *     with that message alone, whatever schedule applies to it.</li>
 * <li>{@code case:<case id>}: the copies of mail bound to one case, so that replies and shared attachments of a case
 *     deduplicate under one key; destroyed once none of the case's content is kept any more. Content arriving for a
 *     case after that goes under the next generation, {@code case:<case id>#2} and so on.</li>
 * <li>{@code day:<yyyy-mm-dd>}: receipts journaled before message scopes existed; still read and disposed.</li>
 * </ul>
 */
public record KeyScope(String value) {
    private static final Pattern FORM = Pattern.compile("(case:[A-Za-z0-9][A-Za-z0-9._-]{0,63}(#[1-9][0-9]{0,5})?)|(day:\\d{4}-\\d{2}-\\d{2})|(msg:[0-9a-f-]{36})");

    public KeyScope {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("key scope must be case:<id>[#<generation>] (id: letters, digits, . _ -, at most 64), msg:<message key> or day:<yyyy-mm-dd>, got '" + value + "'");
        }
    }

    public static KeyScope forCase(String caseId) {
        return new KeyScope("case:" + caseId);
    }

    public static KeyScope forCase(String caseId, int generation) {
        return generation == 1 ? forCase(caseId) : new KeyScope("case:" + caseId + "#" + generation);
    }

    public static KeyScope forMessage(String messageKey) {
        return new KeyScope("msg:" + messageKey);
    }

    public static KeyScope forDay(java.time.LocalDate day) {
        return new KeyScope("day:" + day);
    }

    public boolean isCase() {
        return value.startsWith("case:");
    }

    /** A message scope: its key is made for one message (or one copy of it) and receives that one content. */
    public boolean isMessage() {
        return value.startsWith("msg:");
    }

    @Override
    public String toString() {
        return value;
    }
}
