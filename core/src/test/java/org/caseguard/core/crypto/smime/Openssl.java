package org.caseguard.core.crypto.smime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real openssl binary; tests that need it are skipped, saying so, only where it is not installed. Shared
 * with other modules' tests through caseguard-core's test jar.
 */
public final class Openssl {
    public record Result(int exit, String output) {
    }

    private Openssl() {
    }

    public static void require() {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (Exception e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "openssl is not installed: the interop tests need the real binary (.ci/run installs it)");
    }

    public static Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not finish: " + String.join(" ", arguments));
        }
        return new Result(process.exitValue(), output);
    }
}
