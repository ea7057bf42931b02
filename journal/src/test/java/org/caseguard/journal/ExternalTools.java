package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the standard tools a third party would use (openssl, python3, keytool). */
public final class ExternalTools {
    record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        assertThat(finished).as("%s finished within 60 s", command[0]).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static String runOk(Path directory, String... command) throws IOException, InterruptedException {
        Result result = run(directory, command);
        assertThat(result.exitCode()).as("%s exit code; output:%n%s", String.join(" ", command), result.output()).isZero();
        return result.output();
    }
}
