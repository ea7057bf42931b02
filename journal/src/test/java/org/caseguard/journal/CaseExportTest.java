package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.caseguard.journal.store.CaseExport;
import org.caseguard.journal.store.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-3, JRN-4: a case's record exported from a live journal verifies with the documented third-party procedure
 * (openssl and python3), and a changed message or entry in the export is caught.
 */
class CaseExportTest {
    private static final String CASE = "2024-CW-00017";

    @TempDir
    Path workingDirectory;
    @TempDir
    Path export;

    private JdbcLeafStore leafStore;
    private ContentStore content;
    private Journal journal;
    private TreeHeadSigner signer;
    private String original;
    private String copy;
    private String otherCase;

    @BeforeEach
    void journalWithACase() throws Exception {
        leafStore = LeafStores.open(new Properties(), workingDirectory);
        content = ContentStores.open(new Properties(), workingDirectory, leafStore.dataSource());
        journal = Journal.open(leafStore, content, Clock.systemUTC());
        KeyPair keys = TreeHeadSignerTest.ed25519();
        signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), Clock.systemUTC());
        original = caseMessage(CASE, "Subject: home visit\r\n\r\nFrom the notes of the visit:\r\nall well\r\n");
        copy = journal.recordOutboundCopy(Optional.empty(), original, List.of("client@outside.example"), "smime-enveloped",
            "Content-Type: application/pkcs7-mime\r\n\r\nMIIB...\r\n".getBytes(StandardCharsets.US_ASCII));
        otherCase = caseMessage("2024-CW-00018", "Subject: other family\r\n\r\nnot theirs\r\n");
        journal.recordAccess("privacy-officer", "search", java.util.Map.of("case", CASE), List.of(original));
    }

    @AfterEach
    void close() {
        journal.close();
        content.close();
        leafStore.close();
    }

    private String caseMessage(String caseId, String text) {
        Envelope envelope = new Envelope("worker@agency.example", List.of("colleague@agency.example", "client@outside.example"),
            Optional.of("worker@agency.example"), Optional.of("192.0.2.10"), Optional.empty(),
            LocalDate.parse("2026-11-20").atStartOfDay().toInstant(ZoneOffset.UTC));
        String key = journal.recordReceived(Optional.empty(), envelope, text.getBytes(StandardCharsets.UTF_8), Journal.SOURCE_SPOOL);
        journal.recordVerdicts(new VerdictRecord(key, Instant.now(), "transport", List.of(caseId), List.of(), List.of(),
            List.of(new RecipientOutcome("client@outside.example", "encrypt", List.of("CN-1")))));
        return key;
    }

    private void unzip(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = export.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
    }

    private ExternalTools.Result procedure() throws Exception {
        return ExternalTools.run(export, "bash", "-e", "-o", "pipefail", "-c", JournalVerificationProcedureTest.documentedBlock("<!-- procedure -->"));
    }

    @Test
    void jrn3ACaseExportHoldsEveryEntryAndMessageOfTheCaseAndVerifiesWithOpensslAndPython() throws Exception {
        assumeTrue(ExternalTools.available("openssl") && ExternalTools.available("python3"), "openssl and python3 are needed");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        CaseExport.Exported exported = new CaseExport(journal, signer).writeZip(CASE, zip);
        unzip(zip.toByteArray());

        assertThat(exported.messageKeys()).containsExactly(original, copy);
        assertThat(Files.readAllBytes(export.resolve("messages/" + original + ".eml"))).isEqualTo(journal.content(original));
        assertThat(export.resolve("messages/" + otherCase + ".eml")).doesNotExist();
        try (var files = Files.list(export.resolve("entries"))) {
            // received + verdicts of the original, the copy's outbound-copy entry; not the access record or the other case
            assertThat(files.map(path -> path.getFileName().toString().replaceAll("^\\d+-", "")).sorted().toList())
                .containsExactly("outbound-copy.json", "received.json", "verdicts.json");
        }
        ExternalTools.Result result = procedure();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK     messages/" + original + ".eml", "3 entries, 2 messages, 0 failed",
            "Signature Verified Successfully", signer.keyId().base64());
    }

    @Test
    void jrn4AChangedMessageInTheExportFailsTheProcedure() throws Exception {
        assumeTrue(ExternalTools.available("openssl") && ExternalTools.available("python3"), "openssl and python3 are needed");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new CaseExport(journal, signer).writeZip(CASE, zip);
        unzip(zip.toByteArray());
        Path eml = export.resolve("messages/" + original + ".eml");
        Files.writeString(eml, Files.readString(eml).replace("all well", "all fine"));

        ExternalTools.Result result = procedure();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAILED messages/" + original + ".eml", "1 failed");
    }

    @Test
    void theScriptShippedInExportsIsTheDocumentedOne() throws Exception {
        assertThat(new String(CaseExport.verifyScript(), StandardCharsets.UTF_8))
            .isEqualTo(JournalVerificationProcedureTest.documentedBlock("<!-- verify-manifest.py -->"));
    }

    @Test
    void jrn3TheMboxHoldsTheCasesMessagesWithFromLinesQuoted() throws IOException {
        ByteArrayOutputStream mbox = new ByteArrayOutputStream();
        new CaseExport(journal, signer).writeMbox(CASE, mbox);
        String text = mbox.toString(StandardCharsets.ISO_8859_1);

        assertThat(text.lines().filter(line -> line.startsWith("From ")).toList()).hasSize(2)
            .allMatch(line -> line.matches("From MAILER-DAEMON \\w{3} \\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}"));
        assertThat(text).contains(">From the notes of the visit:", "X-Caseguard-Journal-Key: " + original).doesNotContain("not theirs", "\r\n");
    }
}
