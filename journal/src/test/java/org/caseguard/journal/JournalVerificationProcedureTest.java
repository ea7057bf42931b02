package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-4 / issue 5 "the manifest verifies with the documented procedure using standard tools": the python script and
 * shell commands are taken verbatim from docs/journal-verification.md and run with this machine's openssl and python3
 * on an export made by {@link ExportManifest}, untouched and tampered.
 */
class JournalVerificationProcedureTest {
    private static final Path DOC = Path.of("..", "docs", "journal-verification.md");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final List<Integer> EXPORTED = List.of(0, 7, 16, 35, 36);

    @TempDir
    Path export;

    private List<byte[]> entries;
    private MerkleLog log;

    @BeforeEach
    void requireTools() {
        assumeTrue(ExternalTools.available("openssl") && ExternalTools.available("python3"),
            "openssl and python3 are needed to run the documented third-party procedure; not installed here");
        Random random = new Random(37);
        entries = new ArrayList<>();
        log = MerkleLog.open(new MemoryLeafStore());
        for (int i = 0; i < 37; i++) {
            byte[] entry = new byte[200 + random.nextInt(2000)];
            random.nextBytes(entry);
            entries.add(entry);
            log.append(Hash.sha256(entry));
        }
    }

    private ExportManifest writeExport(TreeHeadSigner signer) throws IOException {
        SignedTreeHead head = signer.publish(log);
        List<ExportManifest.Item> items = new ArrayList<>();
        Files.createDirectories(export.resolve("entries"));
        for (int index : EXPORTED) {
            String file = String.format("entries/%06d.entry", index);
            Files.write(export.resolve(file), entries.get(index));
            items.add(new ExportManifest.Item(file, index, Hash.sha256(entries.get(index))));
        }
        ExportManifest manifest = ExportManifest.build(log, head, items);
        Files.writeString(export.resolve("manifest.json"), manifest.toJson());
        Files.writeString(export.resolve("journal-public-key.pem"), signer.publicKeyPem());
        Files.writeString(export.resolve("verify-manifest.py"), documentedBlock("<!-- verify-manifest.py -->"));
        return manifest;
    }

    static String documentedBlock(String marker) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf(marker);
        assertThat(start).as("%s in %s", marker, DOC).isNotNegative();
        int open = start + 1;
        assertThat(lines.get(open)).startsWith("```");
        int close = open + 1;
        while (!lines.get(close).equals("```")) {
            close++;
        }
        return String.join("\n", lines.subList(open + 1, close)) + "\n";
    }

    private ExternalTools.Result runProcedure() throws Exception {
        return ExternalTools.run(export, "bash", "-e", "-o", "pipefail", "-c", documentedBlock("<!-- procedure -->"));
    }

    private ExportManifest javaView() throws IOException {
        return ExportManifest.fromJson(Files.readString(export.resolve("manifest.json")));
    }

    private byte[] read(String file) {
        try {
            return Files.readAllBytes(export.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUntouchedExportVerifiesWithOpensslAndPython() throws Exception {
        KeyPair keys = TreeHeadSignerTest.ed25519();
        TreeHeadSigner signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK);
        ExportManifest manifest = writeExport(signer);

        ExternalTools.Result result = runProcedure();
        System.out.println(result.output());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
            .contains(signer.keyId().base64())
            .contains("OK     entries/000016.entry")
            .contains("5 entries, 0 messages, 0 failed; tree head of size 37, algorithm Ed25519")
            .contains("Signature Verified Successfully");
        assertThat(javaView().verify(keys.getPublic(), this::read)).isEmpty();
        assertThat(manifest.treeHead().keyId()).isEqualTo(signer.keyId());
    }

    @Test
    void oneChangedByteInAnEntryFileFailsStepTwo() throws Exception {
        KeyPair keys = TreeHeadSignerTest.ed25519();
        writeExport(TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK));
        byte[] bytes = Files.readAllBytes(export.resolve("entries/000007.entry"));
        bytes[100] ^= 0x20;
        Files.write(export.resolve("entries/000007.entry"), bytes);

        ExternalTools.Result result = runProcedure();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAILED entries/000007.entry", "OK     entries/000016.entry", "5 entries, 0 messages, 1 failed");
        assertThat(javaView().verify(keys.getPublic(), this::read)).singleElement().asString().startsWith("entries/000007.entry: SHA-256");
    }

    @Test
    void anEntryClaimingAnotherPositionFailsStepTwo() throws Exception {
        KeyPair keys = TreeHeadSignerTest.ed25519();
        writeExport(TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK));
        String json = Files.readString(export.resolve("manifest.json"));
        Files.writeString(export.resolve("manifest.json"), json.replace("\"leafIndex\" : 16,", "\"leafIndex\" : 17,"));
        assertThat(Files.readString(export.resolve("manifest.json"))).isNotEqualTo(json);

        ExternalTools.Result result = runProcedure();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAILED entries/000016.entry", "5 entries, 0 messages, 1 failed");
    }

    @Test
    void aChangedTreeHeadFailsStepThreeWithOpenssl() throws Exception {
        KeyPair keys = TreeHeadSignerTest.ed25519();
        ExportManifest manifest = writeExport(TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK));
        long signedAt = manifest.treeHead().timestampMillis();
        String json = Files.readString(export.resolve("manifest.json"));
        Files.writeString(export.resolve("manifest.json"), json.replace("\"timestampMillis\" : " + signedAt, "\"timestampMillis\" : " + (signedAt - 86_400_000L)));
        assertThat(Files.readString(export.resolve("manifest.json"))).isNotEqualTo(json);

        ExternalTools.Result result = runProcedure();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("5 entries, 0 messages, 0 failed").doesNotContain("Signature Verified Successfully");
        assertThat(javaView().verify(keys.getPublic(), this::read)).containsExactly("tree head signature does not verify with the given key");
    }

    @Test
    void anEcdsaTreeHeadVerifiesWithTheDocumentedOpensslDgstCommand() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        writeExport(TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), CLOCK));
        String output = ExternalTools.runOk(export, "python3", "verify-manifest.py", ".");
        assertThat(output).contains("5 entries, 0 messages, 0 failed; tree head of size 37, algorithm ECDSA-SHA256");
        assertThat(ExternalTools.runOk(export, "openssl", "dgst", "-sha256", "-verify", "journal-public-key.pem", "-signature", "tree-head.sig", "tree-head.msg"))
            .contains("Verified OK");
    }
}
