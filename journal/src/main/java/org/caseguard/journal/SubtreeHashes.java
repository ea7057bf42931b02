package org.caseguard.journal;

/** MTH(D[from:to]) of RFC 6962 section 2.1 for ranges the proof algorithms ask about. */
@FunctionalInterface
public interface SubtreeHashes {
    Hash of(long from, long to);
}
