package org.caseguard.journal;

import java.util.Objects;

/**
 * A journal entry as the index stores it, for verification: its leaf index and either its canonical bytes (the
 * entry hash is recomputed from them) or, once disposed, no content and optionally the entry hash kept on record.
 */
public final class StoredEntry {
    private final long index;
    private final byte[] canonicalBytes;
    private final Hash keptEntryHash;

    private StoredEntry(long index, byte[] canonicalBytes, Hash keptEntryHash) {
        this.index = index;
        this.canonicalBytes = canonicalBytes;
        this.keptEntryHash = keptEntryHash;
    }

    public static StoredEntry present(long index, byte[] canonicalBytes) {
        return new StoredEntry(index, Objects.requireNonNull(canonicalBytes, "canonicalBytes").clone(), null);
    }

    /** Content destroyed by disposal (JRN-6); the leaf stays. keptEntryHash may be null if not kept. */
    public static StoredEntry disposed(long index, Hash keptEntryHash) {
        return new StoredEntry(index, null, keptEntryHash);
    }

    public long index() {
        return index;
    }

    public boolean isDisposed() {
        return canonicalBytes == null;
    }

    byte[] canonicalBytes() {
        return canonicalBytes;
    }

    Hash keptEntryHash() {
        return keptEntryHash;
    }
}
