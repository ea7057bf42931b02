package org.caseguard.journal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caseguard.journal.ExportManifest;
import org.caseguard.journal.SignedTreeHead;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.content.ContentUnavailableException;

/**
 * JRN-3: a case's mail record for discovery. The zip holds every entry of every message bound to the case (and of
 * their outbound copies) as the exact bytes hashed into the log, each message's exact bytes as {@code .eml}, a
 * manifest with inclusion proofs against a tree head signed for the export, the journal's public key and the
 * procedure to check it all with openssl and python3 (docs/journal-verification.md). The mbox is the same messages
 * for a mail client, without proofs.
 */
public final class CaseExport {
    public static final String VERIFY_SCRIPT = "verify-manifest.py";
    private static final Pattern FROM_LINE = Pattern.compile("^(>*From )", Pattern.MULTILINE);
    private static final DateTimeFormatter MBOX_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Journal journal;
    private final TreeHeadSigner signer;

    public CaseExport(Journal journal, TreeHeadSigner signer) {
        this.journal = journal;
        this.signer = signer;
    }

    /** What an export contained: the messages, and those whose bytes could not be read (disposed or damaged). */
    public record Exported(List<String> messageKeys, List<String> unavailable, Optional<SignedTreeHead> treeHead) {
    }

    public Exported writeZip(String caseId, OutputStream out) {
        List<String> keys = journal.allMessagesOfCase(caseId);
        SignedTreeHead head = signer.publish(journal.log());
        List<ExportManifest.Item> items = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Map<String, List<Journal.RecordedEntry>> entries = journal.entriesOf(keys);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String key : keys) {
                for (Journal.RecordedEntry entry : entries.getOrDefault(key, List.of())) {
                    Journal.LeafEntry leaf = entry.leaf();
                    if (leaf.leafIndex() >= head.treeSize() || entry.canonical().isEmpty()) {
                        continue;
                    }
                    String file = "entries/" + leaf.leafIndex() + "-" + leaf.kind() + ".json";
                    put(zip, file, entry.canonical().get());
                    items.add(new ExportManifest.Item(file, leaf.leafIndex(), leaf.entryHash()));
                }
                try {
                    put(zip, "messages/" + key + ".eml", journal.content(key));
                } catch (ContentUnavailableException e) {
                    unavailable.add(key);
                    put(zip, "messages/" + key + ".unavailable", (e.reason().name().toLowerCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            put(zip, "manifest.json", ExportManifest.build(journal.log(), head, items).toJson().getBytes(StandardCharsets.UTF_8));
            put(zip, "journal-public-key.pem", signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            put(zip, VERIFY_SCRIPT, verifyScript());
            put(zip, "README.txt", readme(caseId, keys.size(), head).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("journal export could not be written", e);
        }
        return new Exported(keys, unavailable, Optional.of(head));
    }

    /** The case's messages as an mboxrd file, oldest first; messages whose bytes cannot be read are left out and named. */
    public Exported writeMbox(String caseId, OutputStream out) {
        List<String> keys = journal.allMessagesOfCase(caseId);
        List<String> unavailable = new ArrayList<>();
        try {
            for (Journal.MessageSummary message : journal.summaries(keys)) {
                byte[] bytes;
                try {
                    bytes = journal.content(message.messageKey());
                } catch (ContentUnavailableException e) {
                    unavailable.add(message.messageKey());
                    continue;
                }
                String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
                out.write(("From MAILER-DAEMON " + MBOX_DATE.format(message.receivedAt()) + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(("X-Caseguard-Journal-Key: " + message.messageKey() + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(FROM_LINE.matcher(text).replaceAll(">$1").getBytes(StandardCharsets.ISO_8859_1));
                out.write(text.endsWith("\n") ? "\n".getBytes(StandardCharsets.US_ASCII) : "\n\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("journal export could not be written", e);
        }
        return new Exported(keys, unavailable, Optional.empty());
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    public static byte[] verifyScript() {
        try (InputStream in = CaseExport.class.getResourceAsStream("/org/caseguard/journal/" + VERIFY_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(VERIFY_SCRIPT + " is missing from the journal jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readme(String caseId, int messages, SignedTreeHead head) {
        String signatureCheck = head.algorithm().label().equals("Ed25519")
            ? "openssl pkeyutl -verify -pubin -inkey journal-public-key.pem -rawin -in tree-head.msg -sigfile tree-head.sig"
            : "openssl dgst -sha256 -verify journal-public-key.pem -signature tree-head.sig tree-head.msg";
        return "caseguard journal export of case " + caseId + ": " + messages + " message(s), tree head of size " + head.treeSize() + "\n\n"
            + "entries/   every journal entry of these messages, the exact bytes hashed into the log\n"
            + "messages/  each message's exact bytes (.eml); its SHA-256 is the content.sha256 of its received or outbound-copy entry\n"
            + "manifest.json  entry hashes and inclusion proofs against the signed tree head\n\n"
            + "To verify (openssl and python3):\n"
            + "1. openssl pkey -pubin -in journal-public-key.pem -outform DER | openssl dgst -sha256 -binary | base64\n"
            + "   must equal the fingerprint the agency published, and treeHead.keyId in manifest.json\n"
            + "2. python3 " + VERIFY_SCRIPT + " .     (every line OK, exit status 0)\n"
            + "3. " + signatureCheck + "\n";
    }
}
