package org.caseguard.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.mail.FetchProfile;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.UIDFolder;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.caseguard.server.CaseguardProfile;
import org.caseguard.server.CaseguardServer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * SMTP load, end to end, in one JVM: the embedded James with a plain pipeline (caseguard mailets removed, see
 * {@link PlainPipeline}) and with the shipped caseguard pipeline, one after the other, provisioned identically over
 * WebAdmin, loaded by K authenticated JavaMail submission clients (one connection per thread, reused).
 * <p>
 * Latency: from the client's {@code sendMessage} returning (the 250 after DATA) to the {@link DeliveryClock} mailbox
 * listener seeing the append in the recipient's INBOX (refused mail: the notice in the sender's INBOX; plain pipeline
 * outside mail: arrival at the loopback relay). Both ends read {@link System#nanoTime()} in this JVM.
 * Throughput: measured messages / (last completion - first send of the measured phase).
 * Parameters are system properties, see {@link Config}. Traffic is loopback only.
 */
public final class SmtpLoadBenchmark {
    record Config(int clients, int threads, int messages, int warmup, int staff, int messageBytes, int maxSeconds,
                  long seed, List<String> pipelines, int rounds, Path resultsDir, boolean keepWorkDirs, boolean searchThreads) {
        static Config fromSystemProperties() {
            Path defaultResults = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("results");
            return new Config(
                Integer.getInteger("bench.clients", 10_000),
                Integer.getInteger("bench.threads", 4),
                Integer.getInteger("bench.messages", 2_000),
                Integer.getInteger("bench.warmup", 200),
                Integer.getInteger("bench.staff", 20),
                Integer.getInteger("bench.messageBytes", 5_000),
                Integer.getInteger("bench.maxSeconds", 300),
                Long.getLong("bench.seed", 42L),
                Arrays.stream(System.getProperty("bench.pipelines", "plain,caseguard").split(",")).map(String::trim).toList(),
                Integer.getInteger("bench.rounds", 2),
                Path.of(System.getProperty("bench.results", defaultResults.toString())),
                Boolean.getBoolean("bench.keepWorkDirs"),
                Boolean.getBoolean("bench.searchThreads"));
        }
    }

    private record Sent(String id, BenchWorkload.Kind kind, String sender, String recipient, long acceptedNanos) {
    }

    private record PhaseResult(long startNanos, List<Sent> sent, int failures, boolean timedOut) {
    }

    private final Config config;
    private final long deadlineNanos;
    private final BenchWorkload workload;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SmtpLoadBenchmark(Config config) {
        this.config = config;
        this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.maxSeconds());
        this.workload = new BenchWorkload(config.clients(), config.staff(), config.messageBytes(), config.seed());
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromSystemProperties();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(config.resultsDir());
        Path log = config.resultsDir().resolve("smtp-load-" + stamp + ".log");
        quietLogging(log);
        System.out.printf(Locale.ROOT, "SMTP load: clients=%d threads=%d messages=%d warmup=%d staff=%d size=%dB max=%ds pipelines=%s (server log: %s)%n",
            config.clients(), config.threads(), config.messages(), config.warmup(), config.staff(), config.messageBytes(),
            config.maxSeconds(), config.pipelines(), log);

        // Rounds: whichever server runs first in the JVM pays for JIT-compiling James itself (measured: the first
        // pipeline loses up to half its throughput, whichever it is). Every round runs every pipeline; the reported
        // numbers and the ratio are those of the last round, when the shared James code is equally hot for both.
        SmtpLoadBenchmark benchmark = new SmtpLoadBenchmark(config);
        List<Map<String, Object>> rounds = new ArrayList<>();
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (int round = 1; round <= config.rounds(); round++) {
            Map<String, Map<String, Object>> thisRound = new LinkedHashMap<>();
            for (String pipeline : config.pipelines()) {
                System.out.printf(Locale.ROOT, "== round %d/%d: %s%n", round, config.rounds(), pipeline);
                thisRound.put(pipeline, benchmark.run(pipeline));
            }
            Map<String, Object> roundReport = new LinkedHashMap<>();
            roundReport.put("round", round);
            roundReport.put("results", thisRound);
            if (thisRound.containsKey("plain") && thisRound.containsKey("caseguard")) {
                roundReport.put("caseguardOverPlainThroughput", ratio(thisRound, "messagesPerSecond"));
            }
            if (thisRound.containsKey("caseguard") && thisRound.containsKey("consent")) {
                roundReport.put("consentOverCaseguardThroughput", ratio(thisRound, "consent", "caseguard", "messagesPerSecond"));
            }
            rounds.add(roundReport);
            results = thisRound;
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "smtp-load");
        report.put("timestamp", stamp);
        report.put("config", Map.ofEntries(Map.entry("clients", config.clients()), Map.entry("threads", config.threads()),
            Map.entry("messages", config.messages()), Map.entry("warmup", config.warmup()), Map.entry("staff", config.staff()),
            Map.entry("messageBytes", config.messageBytes()), Map.entry("seed", config.seed()), Map.entry("maxSeconds", config.maxSeconds()),
            Map.entry("rounds", config.rounds()), Map.entry("pipelines", config.pipelines()), Map.entry("searchThreads", config.searchThreads())));
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
            "maxHeapMb", Runtime.getRuntime().maxMemory() >> 20));
        report.put("method", "latency = client sendMessage() returned (250 after DATA) -> INBOX append seen by a synchronous "
            + "James mailbox listener (refused: notice in sender INBOX; plain outside mail: arrival at loopback relay); "
            + "System.nanoTime in one JVM. throughput = measured messages / (last completion - first measured send).");
        report.put("results", results);
        report.put("resultsAre", "last round; every round in rounds");
        report.put("rounds", rounds);
        if (results.containsKey("plain") && results.containsKey("caseguard")) {
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("throughput", ratio(results, "messagesPerSecond"));
            ratio.put("p50", ratio(results, "p50Ms"));
            ratio.put("p99", ratio(results, "p99Ms"));
            ratio.put("throughputTarget", 0.85);
            report.put("caseguardOverPlain", ratio);
        }
        if (results.containsKey("caseguard") && results.containsKey("consent")) {
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("throughput", ratio(results, "consent", "caseguard", "messagesPerSecond"));
            ratio.put("p50", ratio(results, "consent", "caseguard", "p50Ms"));
            ratio.put("p99", ratio(results, "consent", "caseguard", "p99Ms"));
            ratio.put("throughputTarget", 0.95);
            report.put("consentOverCaseguard", ratio);
        }
        for (Map<String, Object> round : rounds) {
            if (round.containsKey("caseguardOverPlainThroughput")) {
                System.out.println("round " + round.get("round") + " caseguard/plain throughput: " + round.get("caseguardOverPlainThroughput"));
            }
            if (round.containsKey("consentOverCaseguardThroughput")) {
                System.out.println("round " + round.get("round") + " consent/caseguard throughput: " + round.get("consentOverCaseguardThroughput"));
            }
        }
        printTable(results, report);
        Path json = config.resultsDir().resolve("smtp-load-" + stamp + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        System.out.println("written " + json);
        System.exit(0);
    }

    private Map<String, Object> run(String pipeline) throws Exception {
        Path workDir = Files.createTempDirectory("caseguard-bench-" + pipeline + "-");
        Path conf = workDir.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("listeners.xml"), DeliveryClock.listenersXml());
        DeliveryClock.reset();
        Map<String, Object> result = new LinkedHashMap<>();
        try (OutsideSink outside = OutsideSink.open()) {
            CaseguardServer.Builder builder = CaseguardServer.builder(workDir)
                .ephemeralPorts()
                .remoteDeliveryGateway("127.0.0.1", outside.port());
            if (!config.searchThreads()) {
                // James's memory flavour guesses each appended message's thread by searching the whole mailbox,
                // parsing every message in it: cost grows with the mailbox and soon dominates both pipelines.
                builder.overrideWith(binder -> binder.bind(org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm.class)
                    .to(org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm.class));
            }
            switch (pipeline) {
                case "plain" -> builder.editMailetContainer(new PlainPipeline());
                case "caseguard" -> {
                }
                case "consent" -> builder.profile(CaseguardProfile.CONSENT);
                default -> throw new IllegalArgumentException("bench.pipelines: plain, caseguard or consent, got " + pipeline);
            }
            long startup = System.nanoTime();
            try (CaseguardServer server = builder.start()) {
                System.out.printf(Locale.ROOT, "[%s] server started in %d ms%n", pipeline, millis(System.nanoTime() - startup));
                long importMillis = provision(server.webAdminPort(), "Bearer " + server.webAdminToken("bench"), pipeline.equals("consent"));
                System.out.printf(Locale.ROOT, "[%s] provisioned %d staff, %d clients/cases (import %d ms)%n",
                    pipeline, config.staff(), config.clients(), importMillis);

                PhaseResult warm = send(server, pipeline, "w", config.warmup());
                awaitCompletions(outside, warm.sent().size());
                System.out.printf(Locale.ROOT, "[%s] warm-up: %d sent%n", pipeline, warm.sent().size());

                long before = DeliveryClock.count() + outside.count();
                PhaseResult measured = send(server, pipeline, "m", config.messages());
                long sendEnd = System.nanoTime();
                boolean complete = awaitCompletions(outside, before + measured.sent().size());
                Map<String, Long> inboxes = completions(server);
                result.putAll(summarise(measured, id -> inboxes.containsKey(id) ? inboxes.get(id) : outside.arrivedAt(id), sendEnd));
                result.put("importMillis", importMillis);
                // where the outside (10%) mail ended, warm-up included: relayed by RemoteDelivery vs refused with a notice
                result.put("relayArrivalsIncludingWarmup", outside.count());
                result.put("completeBeforeDeadline", complete && !measured.timedOut());
                System.out.printf(Locale.ROOT, "[%s] measured: %s%n", pipeline, result);
            }
        } finally {
            if (!config.keepWorkDirs()) {
                deleteRecursively(workDir);
            }
        }
        return result;
    }

    private String authorization;

    private long provision(int webAdminPort, String authorization, boolean consents) throws Exception {
        this.authorization = authorization;
        String base = "http://127.0.0.1:" + webAdminPort;
        expect(request(base + "/domains/" + BenchWorkload.DOMAIN, "PUT", ""), 204);
        for (int i = 1; i <= config.staff(); i++) {
            expect(request(base + "/users/" + BenchWorkload.staffAddress(i), "PUT", "{\"password\":\"" + BenchWorkload.PASSWORD + "\"}"), 204);
        }
        expect(request(base + "/caseguard/internal-domains/" + BenchWorkload.DOMAIN, "PUT", ""), 204);
        long start = System.nanoTime();
        expect(request(base + "/caseguard/import?format=jsonl", "POST", workload.registryJsonLines()), 200);
        if (consents) {
            // Every client gets a consent record, so the consent stage's address index is as large as the registry.
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/caseguard/consents/import?format=jsonl"))
                .timeout(Duration.ofSeconds(300)).header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(workload.consentJsonLines())).build();
            expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 200);
        }
        return millis(System.nanoTime() - start);
    }

    private HttpResponse<String> request(String url, String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": expected "
                + status + ", got " + response.statusCode() + " " + response.body());
        }
    }

    /** K threads, each one authenticated submission connection reused for its share of {@code count} messages. */
    private PhaseResult send(CaseguardServer server, String pipeline, String phase, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>(count));
        ExecutorService executor = Executors.newFixedThreadPool(config.threads());
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < config.threads(); t++) {
            int senderIndex = 1 + (t % config.staff());
            futures.add(executor.submit(() -> {
                String sender = BenchWorkload.staffAddress(senderIndex);
                Properties properties = new Properties();
                properties.put("mail.smtp.auth", "true");
                properties.put("mail.smtp.from", sender);
                properties.put("mail.smtp.connectiontimeout", "10000");
                properties.put("mail.smtp.timeout", "60000");
                Session session = Session.getInstance(properties);
                Transport transport = null;
                try {
                    int index;
                    while ((index = next.getAndIncrement()) < count && System.nanoTime() < deadlineNanos) {
                        BenchWorkload.Planned plan = workload.plan(phase, index, senderIndex);
                        String id = pipeline + "-" + phase + "-" + index;
                        String raw = BenchWorkload.raw(id, "<bench-" + id + "@" + BenchWorkload.DOMAIN + ">", sender,
                            plan.recipient(), plan.subject(), plan.body());
                        try {
                            if (transport == null || !transport.isConnected()) {
                                transport = session.getTransport("smtp");
                                transport.connect("127.0.0.1", server.submissionPort(), sender, BenchWorkload.PASSWORD);
                            }
                            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
                            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(plan.recipient())});
                            sent.add(new Sent(id, plan.kind(), sender, plan.recipient(), System.nanoTime()));
                        } catch (MessagingException e) {
                            failures.incrementAndGet();
                            System.err.println("send " + id + " failed: " + e);
                            closeQuietly(transport);
                            transport = null;
                        }
                    }
                } finally {
                    closeQuietly(transport);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        executor.shutdown();
        return new PhaseResult(start, new ArrayList<>(sent), failures.get(), System.nanoTime() >= deadlineNanos);
    }

    /** Waits (20 ms polls of two in-memory counters) until {@code expected} completions were seen, or the deadline. */
    private boolean awaitCompletions(OutsideSink outside, long expected) throws InterruptedException {
        while (DeliveryClock.count() + outside.count() < expected) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** bench id -> completion time: INBOX appends identified over IMAP (X-Bench-Id, or In-Reply-To of a notice), relay arrivals. */
    private Map<String, Long> completions(CaseguardServer server) throws MessagingException {
        Map<String, Long> done = new ConcurrentHashMap<>();
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "60000");
        Session session = Session.getInstance(properties);
        String noticePrefix = "<bench-";
        for (int i = 1; i <= config.staff(); i++) {
            String user = BenchWorkload.staffAddress(i);
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", server.imapPort(), user, BenchWorkload.PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add("X-Bench-Id");
                profile.add("In-Reply-To");
                inbox.fetch(messages, profile);
                for (Message message : messages) {
                    long uid = ((UIDFolder) inbox).getUID(message);
                    String id = first(message.getHeader("X-Bench-Id"));
                    if (id == null) {
                        String inReplyTo = first(message.getHeader("In-Reply-To"));
                        if (inReplyTo != null && inReplyTo.trim().startsWith(noticePrefix)) {
                            String trimmed = inReplyTo.trim();
                            id = trimmed.substring(noticePrefix.length(), trimmed.indexOf('@'));
                        }
                    }
                    Long at = DeliveryClock.appendedAt(user, uid);
                    if (id != null && at != null) {
                        done.merge(id, at, Math::min);
                    }
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        }
        return done;
    }

    private Map<String, Object> summarise(PhaseResult phase, java.util.function.Function<String, Long> completions, long sendEnd) {
        List<Double> all = new ArrayList<>();
        Map<BenchWorkload.Kind, List<Double>> byKind = new LinkedHashMap<>();
        long last = phase.startNanos();
        int missing = 0;
        for (Sent sent : phase.sent()) {
            Long at = completions.apply(sent.id());
            if (at == null) {
                missing++;
                continue;
            }
            double latency = (at - sent.acceptedNanos()) / 1e6;
            all.add(latency);
            byKind.computeIfAbsent(sent.kind(), k -> new ArrayList<>()).add(latency);
            last = Math.max(last, at);
        }
        List<Double> internal = new ArrayList<>();
        Stream.of(BenchWorkload.Kind.ORDINARY_INTERNAL, BenchWorkload.Kind.CASE_INTERNAL)
            .forEach(kind -> internal.addAll(byKind.getOrDefault(kind, List.of())));
        double seconds = (last - phase.startNanos()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sent", phase.sent().size());
        out.put("sendFailures", phase.failures());
        out.put("completed", all.size());
        out.put("missing", missing);
        out.put("seconds", round(seconds));
        out.put("messagesPerSecond", round(all.size() / seconds));
        out.put("acceptedPerSecond", round(phase.sent().size() / ((sendEnd - phase.startNanos()) / 1e9)));
        out.put("p50Ms", round(percentile(internal, 50)));
        out.put("p99Ms", round(percentile(internal, 99)));
        out.put("maxMs", round(percentile(internal, 100)));
        out.put("allKindsP50Ms", round(percentile(all, 50)));
        out.put("allKindsP99Ms", round(percentile(all, 99)));
        Map<String, Object> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, latencies) -> kinds.put(kind.name().toLowerCase(Locale.ROOT), Map.of(
            "count", latencies.size(), "p50Ms", round(percentile(latencies, 50)), "p99Ms", round(percentile(latencies, 99)))));
        out.put("byKind", kinds);
        return out;
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static Object ratio(Map<String, Map<String, Object>> results, String key) {
        return ratio(results, "caseguard", "plain", key);
    }

    private static Object ratio(Map<String, Map<String, Object>> results, String numerator, String denominator, String key) {
        double over = ((Number) results.get(denominator).get(key)).doubleValue();
        return round(((Number) results.get(numerator).get(key)).doubleValue() / over);
    }

    private static void printTable(Map<String, Map<String, Object>> results, Map<String, Object> report) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %6s %9s %9s %10s %9s %9s %9s %12s %12s%n", "pipeline", "sent", "completed",
            "msg/s", "accepted/s", "p50 ms", "p99 ms", "max ms", "all p50 ms", "all p99 ms");
        results.forEach((pipeline, r) -> System.out.printf(Locale.ROOT, "%-10s %6s %9s %9s %10s %9s %9s %9s %12s %12s%n", pipeline,
            r.get("sent"), r.get("completed"), r.get("messagesPerSecond"), r.get("acceptedPerSecond"), r.get("p50Ms"),
            r.get("p99Ms"), r.get("maxMs"), r.get("allKindsP50Ms"), r.get("allKindsP99Ms")));
        System.out.println("(p50/p99/max: internal deliveries, DATA accepted -> recipient INBOX; all: incl. outside mail)");
        if (report.containsKey("caseguardOverPlain")) {
            System.out.println("caseguard / plain: " + report.get("caseguardOverPlain"));
        }
    }

    private static void quietLogging(Path log) throws IOException {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        // The shipped conf/logback.xml levels (root WARN, org.caseguard INFO), written to a file instead of the console.
        Path config = Files.createTempFile("caseguard-bench-logback", ".xml");
        Files.writeString(config, """
            <configuration>
                <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{20} - %%msg%%n</pattern></encoder>
                </appender>
                <root level="WARN"><appender-ref ref="FILE"/></root>
                <logger name="org.caseguard" level="INFO"/>
                <logger name="org.apache.james.GuiceJamesServer" level="INFO"/>
            </configuration>
            """.formatted(log.toAbsolutePath()));
        config.toFile().deleteOnExit();
        System.setProperty("logback.configurationFile", config.toString());
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
