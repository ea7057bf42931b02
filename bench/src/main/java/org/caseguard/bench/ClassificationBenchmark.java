package org.caseguard.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.ClassifierConfig;
import org.caseguard.core.detect.DefaultMessageClassifier;
import org.caseguard.core.registry.RegistrySnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * TAG-1 classification cost: messages of 2 KB, 50 KB and 2 MB against registries of 100 and 100,000 clients, and
 * the cost of parsing the same MIME and reading all its parts without any detection ({@link #parseAndReadOnly}).
 * Compare {@code classify} at 100,000 vs 100 clients (registry-size independence) and {@code classify} vs
 * {@code parseAndReadOnly} (detection overhead over parsing).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassificationBenchmark {

    private static final Session SESSION = Session.getInstance(new Properties());

    @State(Scope.Benchmark)
    public static class Registry {
        @Param({"100", "100000"})
        public int clients;

        RegistrySnapshot snapshot;
        DefaultMessageClassifier classifier;

        @Setup(Level.Trial)
        public void build() throws Exception {
            snapshot = BenchData.registry(clients);
            classifier = DefaultMessageClassifier.forSnapshot(ClassifierConfig.builder()
                .caseNumberFormats(java.util.List.of("\\d{4}-CW-\\d{6}")).build(), snapshot);
            // builds the index outside the measurement
            classifier.classify(new MimeMessage(SESSION, new ByteArrayInputStream(BenchData.message(2048, snapshot))));
        }
    }

    @State(Scope.Benchmark)
    public static class Message {
        @Param({"2048", "51200", "2097152"})
        public int bytes;

        byte[] raw;

        @Setup(Level.Trial)
        public void build() {
            raw = BenchData.message(bytes, BenchData.registry(100));
        }
    }

    @Benchmark
    public Classification classify(Registry registry, Message message) throws Exception {
        Classification result = registry.classifier.classify(parse(message.raw));
        if (!result.isCaseIdentifying()) {
            throw new IllegalStateException("benchmark message must be case-identifying");
        }
        return result;
    }

    @Benchmark
    public long parseAndReadOnly(Message message) throws Exception {
        return readAll(parse(message.raw), 0);
    }

    private static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    /** Parses the MIME tree and decodes every leaf part to a String: everything but the detection. */
    private static long readAll(Part part, int depth) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            long total = 0;
            for (int i = 0; i < multipart.getCount(); i++) {
                total += readAll(multipart.getBodyPart(i), depth + 1);
            }
            return total;
        }
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset == null ? "utf-8" : charset.toLowerCase(Locale.ROOT)).length();
        }
    }

}
