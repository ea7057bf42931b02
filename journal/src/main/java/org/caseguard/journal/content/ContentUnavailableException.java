package org.caseguard.journal.content;

/** Content that cannot be given back: its scope was destroyed by disposal, the blob is missing, or it was altered. */
public class ContentUnavailableException extends RuntimeException {
    public enum Reason { DESTROYED, MISSING, ALTERED, STORE_FAILURE }

    private final Reason reason;

    public ContentUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ContentUnavailableException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
