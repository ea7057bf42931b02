package org.caseguard.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.ClassifierConfig;
import org.caseguard.core.detect.DefaultMessageClassifier;
import org.caseguard.core.registry.RegistrySnapshot;

/**
 * TAG-1 on a 25 MB attachment: is it read to its last line, how long does it take, and how much heap does
 * classification take at its peak (heap pools' peak usage, reset after the message is parsed, so the figure is the
 * classifier's own on top of the parsed message). Kinds: {@code text} (a 25 MB text file), {@code zip} (the same text
 * in a zip entry). The case number and client name are on the last line only.
 *
 * <pre>java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.caseguard.bench.LargeAttachmentHeap</pre>
 */
public final class LargeAttachmentHeap {

    private LargeAttachmentHeap() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = Integer.getInteger("bench.megabytes", 25);
        RegistrySnapshot registry = BenchData.registry(100);
        DefaultMessageClassifier classifier = DefaultMessageClassifier.forSnapshot(ClassifierConfig.defaults(), registry);
        String caseNumber = registry.cases().keySet().stream().sorted().findFirst().orElseThrow();
        var client = registry.clients().get("c-0");
        String lastLine = client.givenName() + " " + client.familyName() + " " + caseNumber + "\n";
        Session session = Session.getInstance(new Properties());
        for (String kind : List.of("text", "zip", "text", "zip")) {
            byte[] text = filler(megabytes * 1024 * 1024, lastLine);
            byte[] content = kind.equals("zip") ? zip(text) : text;
            byte[] raw = message(content, kind);
            text = null;
            content = null;
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            raw = null;
            System.gc();
            long before = heapUsed();
            resetPeaks();
            long started = System.nanoTime();
            Classification result = classifier.classify(message);
            long millis = (System.nanoTime() - started) / 1_000_000;
            long peak = heapPeak();
            System.out.printf("kind=%s attachment=%d MB read-to-end=%s millis=%d heap-before=%d MB peak=%d MB "
                    + "peak-over-before=%d MB%n", kind, megabytes, result.caseNumbers().contains(caseNumber), millis,
                before >> 20, peak >> 20, (peak - before) >> 20);
        }
    }

    private static byte[] filler(int bytes, String lastLine) {
        Random random = new Random(bytes);
        String[] words = {"the", "visit", "report", "schedule", "meeting", "notes", "follow", "up", "weekly", "review",
            "county", "office", "form", "signed", "call", "returned", "plan", "update", "team", "summary"};
        StringBuilder text = new StringBuilder(bytes + 100);
        while (text.length() < bytes - lastLine.length()) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.append('\n').append(lastLine).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip(byte[] text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("export/notes.txt"));
            zip.write(text);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] message(byte[] attachment, String kind) {
        String type = kind.equals("zip") ? "application/zip; name=export.zip" : "text/plain; name=notes.txt";
        String head = "From: worker@agency.example\r\nTo: team@agency.example\r\nSubject: export\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nattached\r\n"
            + "--b1\r\nContent-Type: " + type + "\r\nContent-Disposition: attachment\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(attachment.length * 4 / 3 + 1024);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder().encode(attachment));
        out.writeBytes("\r\n--b1--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment since the reset. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
