package org.caseguard.journal.content;

import java.util.Objects;

import org.caseguard.journal.Hash;

/** Where a piece of content is kept: its scope (whose key encrypts it), SHA-256 of the plain bytes, plain size. */
public record ContentRef(KeyScope scope, Hash sha256, long size) {
    public ContentRef {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }
}
