package org.caseguard.core.autoreply;

import java.time.Duration;
import java.time.Instant;

/**
 * RFC 3834 section 2: at most one automatic reply of a kind to one address per period. Kept in the shared
 * database, so several James nodes together still send only one.
 */
public interface AutoReplyLedger {
    /**
     * Records a reply of {@code kind} to {@code address} at {@code now} and returns true, unless one was recorded
     * within {@code period} before {@code now}: then records nothing and returns false. Atomic across nodes.
     */
    boolean tryRecord(String address, String kind, Instant now, Duration period);
}
