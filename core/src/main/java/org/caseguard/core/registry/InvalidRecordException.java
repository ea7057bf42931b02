package org.caseguard.core.registry;

/** A registry record failed validation; the message names the field and what is allowed. */
public class InvalidRecordException extends IllegalArgumentException {
    private final String field;

    public InvalidRecordException(String field, String problem) {
        super("\"" + field + "\": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
