package org.caseguard.journal;

/** The journal's log storage failed or refused a write; nothing of the failed write is stored. */
public class JournalStoreException extends RuntimeException {
    public JournalStoreException(String message) {
        super(message);
    }

    public JournalStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
