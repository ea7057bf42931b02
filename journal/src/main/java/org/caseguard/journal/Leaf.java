package org.caseguard.journal;

import java.util.Objects;

/** A stored leaf: its position in the log and its RFC 6962 leaf hash SHA-256(0x00 || entry hash). */
public record Leaf(long index, Hash hash) {
    public Leaf {
        Objects.requireNonNull(hash, "hash");
    }
}
