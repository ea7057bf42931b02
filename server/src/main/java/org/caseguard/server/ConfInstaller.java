package org.caseguard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays the shipped configuration (classpath {@code caseguard-conf/}, listed in its {@code index.txt}) into a
 * working directory's {@code conf/}. Existing files are kept: an admin's edits survive restarts and upgrades.
 */
public final class ConfInstaller {
    private static final String ROOT = "caseguard-conf/";

    private ConfInstaller() {
    }

    public static List<String> shippedFiles() {
        try (InputStream index = resource("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void installMissing(Path confDirectory) throws IOException {
        Files.createDirectories(confDirectory);
        for (String file : shippedFiles()) {
            Path target = confDirectory.resolve(file);
            if (!Files.exists(target)) {
                try (InputStream in = resource(file)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    public static String shippedText(String file) throws IOException {
        try (InputStream in = resource(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = ConfInstaller.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IOException("missing shipped configuration file " + ROOT + file);
        }
        return in;
    }
}
