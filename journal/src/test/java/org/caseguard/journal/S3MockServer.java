package org.caseguard.journal;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real S3 API that implements Object Lock and versioning (Adobe S3Mock), for the tests s3proxy cannot serve: it
 * answers Object Lock calls with 501. S3Mock is a Spring Boot application, so it runs as its own JVM from the jar
 * Maven copies into target/s3mock (system property {@value #JAR_PROPERTY}, set by surefire): on the test class path its
 * Spring, Tomcat and Jackson would clash with s3proxy's Jetty and Jackson. One server per test class (it takes seconds
 * to start), a temporary root folder, a fresh bucket per test; {@link #close} ends the process tree and removes the root.
 * <p>S3Mock checks no signature, so any credentials do; its plain-HTTP connector listens on every interface (S3Mock
 * gives it no address setting), on a port it picks itself and logs.
 */
public final class S3MockServer implements AutoCloseable {
    public static final String JAR_PROPERTY = "caseguard.test.s3mock.jar";
    public static final String ACCESS_KEY_ENV = "CASEGUARD_TEST_S3_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "CASEGUARD_TEST_S3_SECRET_KEY";
    private static final String ACCESS_KEY = "caseguard-test";
    private static final String SECRET_KEY = "caseguard-test-secret";
    private static final long START_TIMEOUT_SECONDS = 120;
    // Spring Boot's own line once Tomcat listens: "Tomcat started on ports 40121 (https), 40122 (http) ..."
    private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? .*?(\\d+) \\(http\\)");

    private final Process process;
    private final Path directory;
    private final URI endpoint;
    private final S3Client raw;

    private S3MockServer(Process process, Path directory, URI endpoint) {
        this.process = process;
        this.directory = directory;
        this.endpoint = endpoint;
        this.raw = S3ProxyServer.rawClient(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    public static S3MockServer start() throws Exception {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("S3Mock's executable jar is not at system property " + JAR_PROPERTY + " (" + jar
                + "); run the tests through Maven (journal/pom.xml copies com.adobe.testing:s3mock:exec into target/s3mock)");
        }
        Path directory = Files.createTempDirectory("caseguard-s3mock");
        Path log = directory.resolve("s3mock.log");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            // A short-lived test server: the C1 compiler alone and the serial collector start it sooner.
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Djava.io.tmpdir=" + directory,
            "-jar", jar,
            "--http.port=0",
            // S3Mock always opens an HTTPS connector too, on 9191 unless told: a random loopback port cannot clash.
            "--server.port=0", "--server.address=127.0.0.1",
            "--com.adobe.testing.s3mock.store.root=" + directory.resolve("root"),
            "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
            "--spring.main.banner-mode=off", "--logging.level.root=WARN",
            "--logging.level.org.springframework.boot.tomcat.TomcatWebServer=INFO")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + awaitPort(process, log));
            awaitAnswer(process, log, endpoint);
            return new S3MockServer(process, directory, endpoint);
        } catch (Exception | Error e) {
            stop(process);
            delete(directory);
            throw e;
        }
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + " before listening:\n" + tail(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("S3Mock did not listen within " + START_TIMEOUT_SECONDS + " s:\n" + tail(log));
    }

    /** Tomcat listens before the application answers; ListBuckets answering 200 means requests are served. */
    private static void awaitAnswer(Process process, Path log, URI endpoint) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            try {
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not serving yet
            } finally {
                connection.disconnect();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("S3Mock at " + endpoint + " did not answer ListBuckets:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The credentials as the journal reads them: from the environment variables its properties name. */
    public Map<String, String> environment() {
        return Map.of(ACCESS_KEY_ENV, ACCESS_KEY, SECRET_KEY_ENV, SECRET_KEY);
    }

    /**
     * Creates an empty bucket, with Object Lock enabled or without, and returns the {@code journal.content.*} keys
     * that put the journal's content there. AWS turns versioning on with Object Lock at creation; S3Mock does not, so
     * it is turned on here as well.
     */
    public Properties freshBucket(boolean objectLock) {
        String bucket = "journal-" + UUID.randomUUID().toString().substring(0, 8);
        raw.createBucket(create -> create.bucket(bucket).objectLockEnabledForBucket(objectLock));
        if (objectLock) {
            raw.putBucketVersioning(put -> put.bucket(bucket).versioningConfiguration(on -> on.status(BucketVersioningStatus.ENABLED)));
        }
        return S3ProxyServer.bucketProperties(endpoint, bucket);
    }

    public S3Client raw() {
        return raw;
    }

    @Override
    public void close() throws Exception {
        raw.close();
        stop(process);
        delete(directory);
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
