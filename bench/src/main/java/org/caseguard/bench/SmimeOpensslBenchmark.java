package org.caseguard.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caseguard.core.crypto.smime.EncryptionOptions;
import org.caseguard.core.crypto.smime.SmimeEncryptor;
import org.caseguard.core.crypto.smime.SmimeSigner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Issue 4's performance figure: S/MIME encryption and signing of the same messages with the same keys, in process
 * (caseguard's {@link SmimeEncryptor} / {@link SmimeSigner}) and by the {@code openssl cms} command, in one run, as
 * throughput ratios caseguard/openssl per message size.
 *
 * <p>Each operation goes from the message's bytes to the S/MIME message's bytes: caseguard parses the bytes into a
 * MimeMessage, encrypts or signs, and writes the result; openssl reads the file and writes its output file (page
 * cache). openssl is measured as a user runs it (process start-up included, the honest figure for a CLI), and for
 * messages of 1 MB and more also without start-up: its marginal rate, bytes over time between a message with an empty
 * body and the largest message (median times). Medians of alternating runs of the two implementations, so that load
 * from elsewhere on the machine hits both.</p>
 *
 * <p>Properties: {@code bench.sizes} (bytes, default 10240,1048576,20971520), {@code bench.operations}
 * (encrypt-cbc,encrypt-gcm,sign), {@code bench.key} (rsa or ec: recipient, escrow and signer keys), {@code bench.seconds}
 * (measuring time per size and operation, default 6), {@code bench.results}. Results: bench/results/smime-*.json.</p>
 */
public final class SmimeOpensslBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private record Party(KeyPair keys, X509Certificate certificate, Path certificateFile, Path keyFile) {
    }

    private SmimeOpensslBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "10240,1048576,20971520").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
        List<String> operations = List.of(System.getProperty("bench.operations", "encrypt-cbc,encrypt-gcm,sign").split(","));
        String keyType = System.getProperty("bench.key", "rsa");
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "6"));
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(results);
        Path work = Files.createTempDirectory("caseguard-smime-bench");

        Party recipient = party(work, "dana@mail.test", keyType);
        Party escrow = party(work, "escrow@agency.example", keyType);
        Party signer = party(work, "alice@agency.example", keyType);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("when", Instant.now().toString());
        report.put("openssl", run(List.of("openssl", "version")).trim());
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("keys", keyType);
        List<Map<String, Object>> rows = new ArrayList<>();
        report.put("results", rows);

        System.out.printf("%-12s %10s %15s %13s %10s %26s%n", "operation", "bytes", "caseguard MB/s", "openssl MB/s",
            "ratio", "ratio excl. openssl start");
        for (String operation : operations) {
            byte[] empty = message(0, new Random(1));
            Path emptyFile = work.resolve("empty.eml");
            Files.write(emptyFile, empty);
            List<String> emptyCommand = opensslCommand(operation, emptyFile, work.resolve("empty.out"), recipient, escrow, signer);
            for (int i = 0; i < 3; i++) {
                run(emptyCommand);
            }
            double startup = median(timeRepeatedly(() -> run(emptyCommand), 30, 3.0));
            List<Map<String, Object>> operationRows = new ArrayList<>();

            for (int size : sizes) {
                byte[] raw = message(size, new Random(size));
                Path in = work.resolve("message-" + size + ".eml");
                Files.write(in, raw);
                List<String> command = opensslCommand(operation, in, work.resolve("out-" + size), recipient, escrow, signer);
                Step caseguard = () -> caseguard(operation, raw, recipient, escrow, signer);
                Step openssl = () -> run(command);

                check(operation, caseguard(operation, raw, recipient, escrow, signer), work, recipient, size);
                // JIT warm-up for caseguard; openssl's first run fills the page cache.
                timeRepeatedly(caseguard, 200, Math.min(5.0, seconds));
                openssl.run();

                List<Double> caseguardTimes = new ArrayList<>();
                List<Double> opensslTimes = new ArrayList<>();
                long end = System.nanoTime() + (long) (seconds * 1e9);
                int rounds = 0;
                while (rounds < 5 || System.nanoTime() < end && rounds < 500) {
                    caseguardTimes.add(time(caseguard));
                    opensslTimes.add(time(openssl));
                    rounds++;
                }
                double c = median(caseguardTimes);
                double o = median(opensslTimes);
                double megabytes = raw.length / 1_048_576.0;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("operation", operation);
                row.put("bytes", raw.length);
                row.put("rounds", rounds);
                row.put("caseguardMedianMs", c * 1e3);
                row.put("opensslMedianMs", o * 1e3);
                row.put("opensslEmptyMessageMedianMs", startup * 1e3);
                row.put("caseguardMBps", megabytes / c);
                row.put("opensslMBps", megabytes / o);
                row.put("ratio", o / c);
                operationRows.add(row);
                rows.add(row);
            }
            // Without start-up: openssl's marginal rate between the empty message and the largest one, where start-up
            // is a small share and the subtraction is not lost in noise; for messages of 1 MB and more only.
            Map<String, Object> largest = operationRows.get(operationRows.size() - 1);
            double marginal = ((int) largest.get("bytes") - empty.length) / 1_048_576.0
                / (((double) largest.get("opensslMedianMs") - startup * 1e3) / 1e3);
            for (Map<String, Object> row : operationRows) {
                boolean large = (int) row.get("bytes") >= 1_000_000;
                if (large) {
                    row.put("opensslMarginalMBps", marginal);
                    row.put("ratioExcludingOpensslStartup", (double) row.get("caseguardMBps") / marginal);
                }
                System.out.printf("%-12s %10d %15.1f %13.1f %10.2f %26s%n", operation, row.get("bytes"), row.get("caseguardMBps"),
                    row.get("opensslMBps"), row.get("ratio"), large ? String.format("%.2f (openssl %.0f MB/s)",
                        row.get("ratioExcludingOpensslStartup"), marginal) : "n/a");
            }
        }
        Path file = results.resolve("smime-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        JSON.writeValue(file.toFile(), report);
        System.out.println("written " + file);
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<Double> timeRepeatedly(Step step, int maxRuns, double maxSeconds) throws Exception {
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (maxSeconds * 1e9);
        while (times.size() < 3 || times.size() < maxRuns && System.nanoTime() < end) {
            times.add(time(step));
        }
        return times;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** From the message's bytes to the S/MIME message's bytes, as the mailets do it. */
    private static byte[] caseguard(String operation, byte[] raw, Party recipient, Party escrow, Party signer) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        MimeMessage result = switch (operation) {
            case "encrypt-cbc" -> new SmimeEncryptor(EncryptionOptions.defaults()).encrypt(message, recipient.certificate(), escrow.certificate());
            case "encrypt-gcm" -> new SmimeEncryptor(EncryptionOptions.defaults().withContentEncryption(EncryptionOptions.ContentEncryption.AES_256_GCM))
                .encrypt(message, recipient.certificate(), escrow.certificate());
            case "sign" -> new SmimeSigner(signer.keys().getPrivate(), signer.certificate()).sign(message);
            default -> throw new IllegalArgumentException("bench.operations: encrypt-cbc, encrypt-gcm or sign, got " + operation);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 14 / 10 + 4096);
        result.writeTo(out);
        return out.toByteArray();
    }

    /** The same work by openssl: RSA-OAEP/SHA-256 for both RSA recipients (or ECDH for EC), detached SHA-256 signature. */
    private static List<String> opensslCommand(String operation, Path in, Path out, Party recipient, Party escrow, Party signer) {
        List<String> command = new ArrayList<>(List.of("openssl", "cms"));
        boolean rsa = recipient.keys().getPublic().getAlgorithm().equals("RSA");
        switch (operation) {
            case "encrypt-cbc", "encrypt-gcm" -> {
                command.addAll(List.of("-encrypt", "-binary", operation.equals("encrypt-gcm") ? "-aes-256-gcm" : "-aes256",
                    "-in", in.toString(), "-out", out.toString()));
                for (Party party : List.of(recipient, escrow)) {
                    command.addAll(List.of("-recip", party.certificateFile().toString()));
                    command.addAll(rsa ? List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256")
                        : List.of("-keyopt", "ecdh_kdf_md:sha256"));
                }
            }
            case "sign" -> command.addAll(List.of("-sign", "-binary", "-md", "sha256", "-in", in.toString(), "-out", out.toString(),
                "-signer", signer.certificateFile().toString(), "-inkey", signer.keyFile().toString()));
            default -> throw new IllegalArgumentException(operation);
        }
        return command;
    }

    /** Once per size: what caseguard produced is what openssl reads back, so the timed work is the real work. */
    private static void check(String operation, byte[] produced, Path work, Party recipient, int size) throws Exception {
        Path file = work.resolve("check.eml");
        Files.write(file, produced);
        List<String> command = operation.startsWith("encrypt")
            ? List.of("openssl", "cms", "-decrypt", "-in", file.toString(), "-recip", recipient.certificateFile().toString(),
                "-inkey", recipient.keyFile().toString(), "-out", work.resolve("check.out").toString())
            : List.of("openssl", "cms", "-verify", "-noverify", "-in", file.toString(), "-out", work.resolve("check.out").toString());
        run(command);
        if (Files.size(work.resolve("check.out")) < size * 9L / 10) {
            throw new IllegalStateException(operation + " at " + size + " bytes: openssl read back only " + Files.size(work.resolve("check.out")));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + new String(output, StandardCharsets.ISO_8859_1));
        }
        return new String(output, StandardCharsets.ISO_8859_1);
    }

    /** A mail with a short text part and a base64 attachment making up {@code size} bytes, CRLF line ends throughout. */
    static byte[] message(int size, Random random) {
        StringBuilder text = new StringBuilder()
            .append("From: alice@agency.example\r\nTo: dana@mail.test\r\nSubject: Documents for your appointment\r\n")
            .append("Date: Tue, 24 Nov 2026 09:00:00 +0000\r\nMessage-ID: <bench-").append(size).append("@agency.example>\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
            .append("--b1\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n")
            .append("Hi Dana, the documents for Tuesday's appointment are attached.\r\n\r\n")
            .append("--b1\r\nContent-Type: application/pdf; name=\"documents.pdf\"\r\nContent-Transfer-Encoding: base64\r\n")
            .append("Content-Disposition: attachment; filename=\"documents.pdf\"\r\n\r\n");
        int attachment = Math.max(0, (size - text.length() - 12) * 3 / 4 * 76 / 78);
        byte[] bytes = new byte[attachment];
        random.nextBytes(bytes);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
        text.append(encoded).append(encoded.isEmpty() ? "" : "\r\n").append("--b1--\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Party party(Path directory, String email, String keyType) throws Exception {
        boolean ec = keyType.equals("ec");
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        if (ec) {
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        } else if (!keyType.equals("rsa")) {
            throw new IllegalArgumentException("bench.key: rsa or ec, got " + keyType);
        } else {
            generator.initialize(2048);
        }
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(30, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | (ec ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA").build(keys.getPrivate())));
        Path certificateFile = directory.resolve(email + ".pem");
        Path keyFile = directory.resolve(email + ".key");
        Files.writeString(certificateFile, pem(certificate));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        return new Party(keys, certificate, certificateFile, keyFile);
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
