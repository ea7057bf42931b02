package org.caseguard.mailets;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/**
 * Finds a file named in a mailet parameter: {@code file://conf/...} and {@code classpath:} through James's file
 * system (so a shipped configuration works from any working directory), anything else as a path as written.
 */
@FunctionalInterface
interface ConfiguredFiles {
    Path locate(String configured) throws IOException;

    static ConfiguredFiles asWritten() {
        return Path::of;
    }

    static ConfiguredFiles through(FileSystem fileSystem) {
        return configured -> configured.startsWith("file://") || configured.startsWith("classpath:")
            ? fileSystem.getFile(configured).toPath() : Path.of(configured);
    }
}
