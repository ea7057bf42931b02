package org.caseguard.journal.store;

/**
 * The journal could not record something (JRN-2): the caller must not deliver the message it was about, and should
 * defer it. The message names the failing part (index, content store), never content.
 */
public class JournalUnavailableException extends RuntimeException {
    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
