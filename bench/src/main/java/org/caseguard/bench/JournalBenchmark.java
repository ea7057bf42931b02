package org.caseguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalSearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Issue 5's journal figures, in one run on the embedded default (H2 file, encrypted content files):
 * <ol>
 * <li><b>append</b>: durable {@code recordReceived} of 10 KB messages from {@code bench.threads} callers (as James's
 *     spool threads call it), against the same bytes written to one file each and forced to disk (fsync) by the same
 *     number of threads: the ratio says what the journal costs over the bare durability it needs;</li>
 * <li><b>storage</b>: a corpus of case threads (replies quoting the thread, an attachment shared by the thread)
 *     journaled and bound to cases: plain bytes over bytes on disk in the content store;</li>
 * <li><b>case search</b> at {@code bench.searchEntries} messages: p50/p99 of {@code search(case)}. The index rows
 *     are bulk-inserted (what the journal's own appends would insert, without the log and content, which search does
 *     not read), so that a million entries take a minute, not an hour.</li>
 * </ol>
 * Results: {@code bench/results/journal-<timestamp>.json}.
 */
public final class JournalBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int messages = Integer.getInteger("bench.messages", 5000);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int searchEntries = Integer.getInteger("bench.searchEntries", 1_000_000);
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(results);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("threads", threads);
        report.put("messages", messages);
        report.put("messageBytes", 10_240);

        Path work = Files.createTempDirectory("caseguard-journal-bench");
        java.util.Set<String> phases = java.util.Set.of(System.getProperty("bench.phases", "append,storage,search").split(","));
        try {
            if (phases.contains("append")) {
                List<byte[]> corpus = tenKilobyteMessages(messages + warmup, new Random(42));
                fsyncRate(work.resolve("fsync-warmup"), corpus.subList(0, warmup), threads);
                double fsync = fsyncRate(work.resolve("fsync"), corpus.subList(warmup, corpus.size()), threads);
                Path journalDirectory = Files.createDirectories(work.resolve("journal"));
                String backend = System.getProperty("bench.appendBackend", "h2");
                Map<String, Object> append = onDatabase(journalDirectory, backend, (database, label) -> {
                    double journal = journalRate(journalDirectory, database, corpus, warmup, threads);
                    System.out.printf("append (%s): journal %.0f msg/s, fsync alone %.0f msg/s, ratio %.2f%n", backend, journal, fsync, journal / fsync);
                    return Map.of("backend", label, "journalMessagesPerSecond", round(journal), "fsyncOnlyMessagesPerSecond", round(fsync),
                        "journalOverFsync", round(journal / fsync), "target", ">= 1000 messages/s");
                });
                report.put("append", append);
            }
            if (phases.contains("storage")) {
                report.put("storage", storageRatio(work.resolve("storage"), new Random(7)));
                System.out.println("storage: " + report.get("storage"));
            }
            if (phases.contains("search")) {
                report.put("caseSearch", caseSearch(work.resolve("search"), searchEntries));
                System.out.println("case search: " + report.get("caseSearch"));
            }
        } finally {
            deleteTree(work);
        }
        Path file = results.resolve("journal-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        JSON.writeValue(file.toFile(), report);
        System.out.println("written " + file);
    }

    private static double fsyncRate(Path directory, List<byte[]> messages, int threads) throws Exception {
        Files.createDirectories(directory);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runConcurrently(threads, () -> {
            for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                try (FileChannel channel = FileChannel.open(directory.resolve(i + ".eml"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(messages.get(i)));
                    channel.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return messages.size() / seconds(start);
    }

    private static double journalRate(Path directory, Properties database, List<byte[]> corpus, int warmup, int threads) throws Exception {
        JdbcLeafStore leaves = LeafStores.open(database, directory);
        ContentStore content = ContentStores.open(new Properties(), directory, leaves.dataSource());
        try (Journal journal = Journal.open(leaves, content, Clock.systemUTC())) {
            append(journal, corpus.subList(0, warmup), threads);
            long writerCpu = writerCpuNanos();
            long start = System.nanoTime();
            List<String> keys = append(journal, corpus.subList(warmup, corpus.size()), threads);
            double rate = (corpus.size() - warmup) / seconds(start);
            System.out.printf("append: the journal's writer thread used %.1f µs of CPU per message%n",
                (writerCpuNanos() - writerCpu) / 1000.0 / (corpus.size() - warmup));
            verdictsRate(journal, keys, corpus.subList(warmup, corpus.size()), threads);
            Path h2File = directory.resolve("var/caseguard/journal.mv.db");
            if (Files.exists(h2File)) {
                System.out.printf("append: H2 file %.1f MB after %d messages and their verdicts (%.1f KB per message; content is outside it)%n",
                    Files.size(h2File) / 1e6, corpus.size(), Files.size(h2File) / 1e3 / corpus.size());
            }
            return rate;
        } finally {
            content.close();
            leaves.close();
        }
    }

    /** CPU time of the journal's single writer thread, whose work per message bounds the append rate. */
    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("caseguard-journal-writer"))
            .mapToLong(thread -> threads.getThreadCpuTime(thread.getId())).sum();
    }

    /**
     * JRN-1, JRN-3: the verdicts stage, which records each message's verdicts and indexes its distinct words in one
     * commit, for half of the messages just journaled; the other half without words, in the same run, for the ratio.
     */
    private static void verdictsRate(Journal journal, List<String> keys, List<byte[]> messages, int threads) throws Exception {
        int half = keys.size() / 2;
        List<List<String>> words = new ArrayList<>(keys.size());
        long distinct = 0;
        for (byte[] message : messages) {
            List<String> of = java.util.Arrays.stream(new String(message, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 2 && word.length() <= 64).distinct().toList();
            words.add(of);
            distinct += of.size();
        }
        double without = verdicts(journal, keys.subList(0, half), threads, i -> List.of());
        double with = verdicts(journal, keys.subList(half, keys.size()), threads, i -> words.get(half + i));
        System.out.printf("verdicts: %.0f msg/s without words, %.0f msg/s with their words indexed (%d distinct each on average), ratio %.2f%n",
            without, with, distinct / Math.max(1, messages.size()), with / without);
    }

    private static double verdicts(Journal journal, List<String> keys, int threads, java.util.function.IntFunction<List<String>> words) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runConcurrently(threads, () -> {
            for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
                org.caseguard.journal.entry.VerdictRecord record = new org.caseguard.journal.entry.VerdictRecord(keys.get(i), Instant.now(), "transport",
                    List.of(), List.of(), List.of(), List.of(new org.caseguard.journal.entry.RecipientOutcome("colleague@agency.example", "deliver", List.of())));
                List<String> of = words.apply(i);
                if (of.isEmpty()) {
                    journal.recordVerdicts(record);
                } else {
                    journal.recordVerdicts(record, of);
                }
            }
        });
        return keys.size() / seconds(start);
    }

    private static List<String> append(Journal journal, List<byte[]> messages, int threads) throws Exception {
        String[] keys = new String[messages.size()];
        AtomicInteger next = new AtomicInteger();
        runConcurrently(threads, () -> {
            for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                keys[i] = journal.recordReceived(Optional.of(jamesMailName()), envelope(i), messages.get(i), Journal.SOURCE_SPOOL);
            }
        });
        return List.of(keys);
    }

    /** Names as James 3.8 gives its mails (MailImpl.getId): the time in milliseconds, then a random UUID. */
    private static String jamesMailName() {
        return "Mail" + System.currentTimeMillis() + "-" + UUID.randomUUID();
    }

    private static Map<String, Object> storageRatio(Path directory, Random random) throws Exception {
        Files.createDirectories(directory);
        JdbcLeafStore leaves = LeafStores.open(new Properties(), directory);
        ContentStore content = ContentStores.open(new Properties(), directory, leaves.dataSource());
        long plain = 0;
        int count = 0;
        try (Journal journal = Journal.open(leaves, content, Clock.systemUTC())) {
            for (int thread = 0; thread < 200; thread++) {
                String caseId = "2026-CW-" + (10000 + thread % 40);
                byte[] attachment = new byte[40_000 + random.nextInt(80_000)];
                random.nextBytes(attachment);
                StringBuilder quoted = new StringBuilder();
                for (int reply = 0; reply < 5; reply++) {
                    String text = prose(random, 600 + random.nextInt(1200));
                    String body = text + "\r\n\r\n" + quoted.toString().lines().map(line -> "> " + line).reduce("", (a, b) -> a + b + "\r\n");
                    quoted.insert(0, text + "\r\n");
                    byte[] message = multipart(thread, reply, body, reply == 0 || random.nextBoolean() ? Optional.of(attachment) : Optional.empty());
                    String key = journal.recordReceived(Optional.empty(), envelope(count++), message, Journal.SOURCE_SPOOL);
                    journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of(caseId), List.of(), List.of(),
                        List.of(new RecipientOutcome("colleague@agency.example", "deliver", List.of()))));
                    plain += message.length;
                }
            }
        } finally {
            content.close();
            leaves.close();
        }
        long stored;
        try (Stream<Path> files = Files.walk(directory.resolve("var/caseguard/journal-content"))) {
            stored = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("messages", count);
        storage.put("plainBytes", plain);
        storage.put("layout", "case messages under their case's key only once classified; content of 32 KiB or more in content-defined chunks");
        storage.put("storedBytes", stored);
        storage.put("plainOverStored", round((double) plain / stored));
        storage.put("target", ">= 2:1");
        return storage;
    }

    private static Map<String, Object> caseSearch(Path directory, int entries) throws Exception {
        Files.createDirectories(directory);
        return onDatabase(directory, System.getProperty("bench.searchBackend", "h2"), (properties, label) -> {
            Map<String, Object> result = caseSearch(LeafStores.open(properties, directory), entries);
            result.put("backend", label);
            result.put("databaseMegabytesAfterSearch", treeBytes(directory) / 1_000_000);
            return result;
        });
    }

    private static long treeBytes(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @FunctionalInterface
    interface OnDatabase<T> {
        T run(Properties databaseProperties, String label) throws Exception;
    }

    /** Runs the work on the journal database named: the embedded default (h2) or PostgreSQL (embedded binaries, a temporary data directory). */
    private static <T> T onDatabase(Path directory, String backend, OnDatabase<T> work) throws Exception {
        if (backend.equals("h2")) {
            return work.run(new Properties(), "h2 (embedded default)");
        }
        if (!backend.equals("postgresql")) {
            throw new IllegalArgumentException("bench backend: h2 or postgresql, got " + backend);
        }
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setDataDirectory(directory.resolve("pgdata")).setCleanDataDirectory(true).start()) {
            try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE caseguard_journal");
            }
            Path passwordFile = directory.resolve("db-password");
            Files.writeString(passwordFile, "postgres\n", StandardCharsets.UTF_8);
            Properties properties = new Properties();
            properties.setProperty("journal.backend", "postgresql");
            properties.setProperty("journal.jdbc.url", postgres.getJdbcUrl("postgres", "caseguard_journal"));
            properties.setProperty("journal.jdbc.user", "postgres");
            properties.setProperty("journal.jdbc.passwordFile", passwordFile.toString());
            return work.run(properties, "postgresql (embedded binaries, fsync and synchronous_commit on)");
        }
    }

    private static Map<String, Object> caseSearch(JdbcLeafStore leaves, int entries) throws Exception {
        int cases = Math.max(1, entries / 50);
        long insertStart = System.nanoTime();
        try (Connection connection = leaves.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement message = connection.prepareStatement(
                "INSERT INTO journal_message (message_key, received_leaf, received_at, content_sha256, content_size) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement binding = connection.prepareStatement("INSERT INTO journal_case (message_key, case_id) VALUES (?, ?)")) {
                byte[] sha = new byte[32];
                Random random = new Random(3);
                for (int i = 0; i < entries; i++) {
                    // shaped as the journal makes them (UUIDv7: receipt time first), one a minute
                    long millis = 1_700_000_000_000L + 60_000L * i;
                    String key = new UUID((millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF),
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
                    message.setString(1, key);
                    message.setLong(2, 2L * i);
                    message.setLong(3, millis);
                    message.setBytes(4, sha);
                    message.setLong(5, 10_240);
                    message.addBatch();
                    binding.setString(1, key);
                    binding.setString(2, caseId(random.nextInt(cases)));
                    binding.addBatch();
                    if (i % 5000 == 4999) {
                        message.executeBatch();
                        binding.executeBatch();
                        connection.commit();
                    }
                }
                message.executeBatch();
                binding.executeBatch();
                connection.commit();
            }
        }
        double insertSeconds = seconds(insertStart);
        Journal journal = Journal.open(leaves, new org.caseguard.journal.content.MemoryContentStore(), Clock.systemUTC());
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            journal.search(JournalSearch.ofCase(caseId(random.nextInt(cases))));
        }
        long[] nanos = new long[2000];
        int found = 0;
        for (int i = 0; i < nanos.length; i++) {
            String caseId = caseId(random.nextInt(cases));
            long start = System.nanoTime();
            found += journal.search(JournalSearch.ofCase(caseId)).size();
            nanos[i] = System.nanoTime() - start;
        }
        journal.close();
        leaves.close();
        Arrays.sort(nanos);
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("entries", entries);
        search.put("cases", cases);
        search.put("indexRowsInsertedSeconds", round(insertSeconds));
        search.put("queries", nanos.length);
        search.put("meanMessagesPerCase", round((double) found / nanos.length));
        search.put("p50Millis", round(nanos[nanos.length / 2] / 1e6));
        search.put("p99Millis", round(nanos[(int) (nanos.length * 0.99)] / 1e6));
        search.put("maxMillis", round(nanos[nanos.length - 1] / 1e6));
        search.put("target", "p99 < 50 ms");
        return search;
    }

    private static String caseId(int index) {
        return "2026-CW-" + (100000 + index);
    }

    private static Envelope envelope(int i) {
        return new Envelope("worker" + (i % 50) + "@agency.example", List.of("colleague" + (i % 70) + "@agency.example"),
            Optional.of("worker" + (i % 50) + "@agency.example"), Optional.of("192.0.2.10"), Optional.empty(), Instant.now());
    }

    private static List<byte[]> tenKilobyteMessages(int count, Random random) {
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String headers = "From: worker" + (i % 50) + "@agency.example\r\nTo: colleague@agency.example\r\nSubject: note " + i
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@agency.example>\r\n\r\n";
            byte[] message = new byte[10_240];
            byte[] text = (headers + prose(random, 12_000)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, message, 0, message.length);
            messages.add(message);
        }
        return messages;
    }

    private static final String[] WORDS = ("the a visit home school court placement plan family worker safety review report meeting "
        + "child parent foster services follow-up notes progress goals update contact schedule referral assessment support").split(" ");

    private static String prose(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 20);
        int column = 0;
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(word);
            column += word.length() + 1;
            if (column > 72) {
                text.append("\r\n");
                column = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static byte[] multipart(int thread, int reply, String body, Optional<byte[]> attachment) {
        StringBuilder message = new StringBuilder("From: worker@agency.example\r\nTo: colleague@agency.example\r\nSubject: "
            + (reply == 0 ? "" : "Re: ") + "case thread " + thread + "\r\nMessage-ID: <t" + thread + "r" + reply + "@agency.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n");
        attachment.ifPresent(bytes -> message.append("--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n"));
        message.append("--b--\r\n");
        return message.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void runConcurrently(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(work));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
