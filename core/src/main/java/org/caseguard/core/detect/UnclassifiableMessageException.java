package org.caseguard.core.detect;

/** The message could not be parsed or its text extracted; its message must not leave (fail closed). */
public class UnclassifiableMessageException extends Exception {
    public UnclassifiableMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public UnclassifiableMessageException(String reason) {
        super(reason);
    }
}
