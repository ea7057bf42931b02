package org.caseguard.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding keys or their passwords: created readable and writable by the owner only, before any byte is written. */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates the file (it must not exist) with owner-only permissions where the file system has POSIX permissions, then writes. */
    public static void create(Path file, byte[] content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, content);
    }
}
