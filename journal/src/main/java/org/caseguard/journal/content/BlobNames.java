package org.caseguard.journal.content;

import java.nio.charset.StandardCharsets;

import org.caseguard.journal.Hash;

/**
 * Where a blob lives, the same on every backend: {@code <h2>/<h>/<sha256>}, where h is SHA-256 of the scope (h2 its
 * first two hex digits), so neither a file path nor an object key shows a case number.
 */
public final class BlobNames {
    private BlobNames() {
    }

    /** The scope's folder (file) or key prefix (object store), without a trailing separator. */
    public static String scopeFolder(KeyScope scope) {
        String name = Hash.sha256(scope.value().getBytes(StandardCharsets.UTF_8)).hex();
        return name.substring(0, 2) + "/" + name;
    }

    public static String blobName(ContentRef ref) {
        return scopeFolder(ref.scope()) + "/" + ref.sha256().hex();
    }
}
