package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.OTHER_CASE;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.retention.DisposalCertificate;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * JRN-3, JRN-5, JRN-6, JRN-7 through the real server over WebAdmin: a closed case is disposed of by a two-person
 * run, a held case is not, the disposal certificate verifies with openssl, the journal still verifies, a case export
 * verifies with the documented procedure, and every access is itself in the journal.
 */
class RetentionEndToEndTest {
    private static final String OFFICER = "privacy-officer@agency.example";
    private static final String MANAGER = "records-manager@agency.example";

    @TempDir
    static Path workingDirectory;
    @TempDir
    Path scratch;

    static PipelineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        Path conf = Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(conf.resolve("caseguard.properties"), String.join("\n",
            "retention.items=case, other",
            "retention.item.case.category=case",
            "retention.item.case.clock=case-closure",
            "retention.item.case.keep=P5Y",
            "retention.item.other.category=non-case",
            "retention.item.other.clock=message-date",
            "retention.item.other.keep=P2Y",
            "retention.disposal.approvals=2", ""));
        fixture = PipelineFixture.start(workingDirectory);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static RequestSpecification as(String actor) {
        return fixture.as(actor);
    }

    private static List<Map<String, Object>> ofCase(String caseId) {
        return as(OFFICER).queryParam("case", caseId).get("/caseguard/journal/messages").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static String sendAndWait(String caseId, String text) throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Case " + caseId, text + " (case " + caseId + ")", messageId), BOB);
        eventually().until(() -> ofCase(caseId).stream().anyMatch(message -> hasMessageId((String) message.get("key"), messageId)));
        return ofCase(caseId).stream().map(message -> (String) message.get("key")).filter(key -> hasMessageId(key, messageId)).findFirst().orElseThrow();
    }

    private static boolean hasMessageId(String key, String messageId) {
        return as(OFFICER).get("/caseguard/journal/messages/" + key + "/content").then().extract().asString().contains(messageId);
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void jrn6AClosedCaseIsDisposedByATwoPersonRunWithACertificateOpensslVerifiesAndAHeldCaseIsKept() throws Exception {
        String closedCaseMessage = sendAndWait(CASE_NUMBER, "Closing summary");
        String heldCaseMessage = sendAndWait(OTHER_CASE, "Court report");
        String closedMessageId = messageIdOf(closedCaseMessage);

        as(MANAGER).body("{\"event\":\"closed\",\"on\":\"2019-03-10\"}").post("/caseguard/retention/cases/" + CASE_NUMBER + "/events").then().statusCode(204);
        as(MANAGER).body("{\"event\":\"closed\",\"on\":\"2019-03-10\"}").post("/caseguard/retention/cases/" + OTHER_CASE + "/events").then().statusCode(204);
        String hold = as(OFFICER).body("{\"case\":\"" + OTHER_CASE + "\",\"reason\":\"subpoena 24-CV-118\",\"owner\":\"county counsel\"}")
            .post("/caseguard/retention/holds").then().statusCode(201).extract().path("hold");

        JsonPath due = as(OFFICER).get("/caseguard/retention/due").then().statusCode(200).extract().jsonPath();
        assertThat(due.getList("due.key")).contains(closedCaseMessage).doesNotContain(heldCaseMessage);
        assertThat(due.getInt("kept.legal-hold")).isGreaterThanOrEqualTo(1);

        String runId = as(MANAGER).body("{}").post("/caseguard/retention/disposals").then().statusCode(201)
            .extract().path("run");
        assertThat(as(OFFICER).get("/caseguard/journal/messages/" + closedCaseMessage + "/content").statusCode()).isEqualTo(200);
        as(MANAGER).post("/caseguard/retention/disposals/" + runId + "/approve").then().statusCode(409);
        // Nor under the other officer's name: the actor is the token's subject.
        as(MANAGER).header("X-Caseguard-Actor", OFFICER).post("/caseguard/retention/disposals/" + runId + "/approve").then().statusCode(400);
        assertThat(as(OFFICER).post("/caseguard/retention/disposals/" + runId + "/approve").then().statusCode(200)
            .extract().jsonPath().getString("status")).isEqualTo("done");
        fixture.expectDisposed(closedMessageId);

        assertThat(as(OFFICER).get("/caseguard/retention/disposals/" + runId).then().statusCode(200).extract().jsonPath().getString("status")).isEqualTo("done");
        assertThat(as(OFFICER).get("/caseguard/journal/messages/" + closedCaseMessage + "/content").then().statusCode(410).extract().asString())
            .contains(runId);
        as(OFFICER).get("/caseguard/journal/messages/" + heldCaseMessage + "/content").then().statusCode(200);
        assertThat(ofCase(CASE_NUMBER)).extracting(message -> message.get("key")).doesNotContain(closedCaseMessage);

        byte[] document = as(OFFICER).get("/caseguard/retention/disposals/" + runId + "/certificate").then().statusCode(200).extract().asByteArray();
        byte[] signature = as(OFFICER).get("/caseguard/retention/disposals/" + runId + "/certificate.sig").then().statusCode(200).extract().asByteArray();
        String publicKey = as(OFFICER).get("/caseguard/retention/public-key").then().statusCode(200).extract().asString();
        Files.write(scratch.resolve("certificate.json"), document);
        Files.write(scratch.resolve("certificate.sig"), signature);
        Files.writeString(scratch.resolve("journal-public-key.pem"), publicKey);
        assertThat(run(scratch, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "journal-public-key.pem", "-rawin",
            "-in", "certificate.json", "-sigfile", "certificate.sig")).contains("Signature Verified Successfully");
        assertThat(new DisposalCertificate(document, signature).verify(TreeHeadSigner.readPublicKeyPem(publicKey))).isEmpty();
        assertThat(new String(document, StandardCharsets.UTF_8)).contains(closedCaseMessage, "\"approvedBy\":\"" + OFFICER + "\"",
            "\"requestedBy\":\"" + MANAGER + "\"", "category=case clock=case-closure keep=P5Y").doesNotContain(heldCaseMessage);

        JsonPath report = as(OFFICER).post("/caseguard/journal/verify").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("passed")).as(report.prettify()).isTrue();
        assertThat(report.getInt("disposedEntries")).isGreaterThanOrEqualTo(2);

        as(OFFICER).body("{\"reason\":\"settled\"}").post("/caseguard/retention/holds/" + hold + "/release").then().statusCode(204);
        as(OFFICER).body("{\"reason\":\"settled\"}").post("/caseguard/retention/holds/" + hold + "/release").then().statusCode(409);
    }

    @Test
    void jrn3ACaseExportFromTheServerVerifiesWithTheDocumentedProcedureAndTheExportIsItselfJournaled() throws Exception {
        String key = sendAndWait(OTHER_CASE, "Visit notes");

        Response response = as(OFFICER).get("/caseguard/journal/cases/" + OTHER_CASE + "/export");
        assertThat(response.statusCode()).isEqualTo(200);
        unzip(response.asByteArray(), scratch);
        assertThat(scratch.resolve("messages/" + key + ".eml")).exists();
        String output = run(scratch, "python3", "verify-manifest.py", ".");
        assertThat(output).contains("OK     messages/" + key + ".eml").contains(" 0 failed");
        assertThat(run(scratch, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "journal-public-key.pem", "-rawin",
            "-in", "tree-head.msg", "-sigfile", "tree-head.sig")).contains("Signature Verified Successfully");

        String access = response.header("X-Caseguard-Journal-Access");
        JsonPath accessRecord = as(OFFICER).get("/caseguard/journal/messages/" + access).then().statusCode(200).extract().jsonPath();
        assertThat(accessRecord.getString("[0].kind")).isEqualTo("access");
        assertThat(accessRecord.getString("[0].fields.actor")).isEqualTo(OFFICER);
        assertThat(accessRecord.getString("[0].fields.action")).isEqualTo("export");
        assertThat(accessRecord.getString("[0].fields.criteria.case")).isEqualTo(OTHER_CASE);
        assertThat(accessRecord.getList("[0].fields.messages")).contains(key);

        String mbox = as(OFFICER).queryParam("format", "mbox").get("/caseguard/journal/cases/" + OTHER_CASE + "/export").then().statusCode(200).extract().asString();
        assertThat(mbox).startsWith("From MAILER-DAEMON ").contains("Visit notes");
        as(OFFICER).get("/caseguard/journal/cases/NO-SUCH-CASE/export").then().statusCode(404);
        as(OFFICER).queryParam("format", "pst").get("/caseguard/journal/cases/" + OTHER_CASE + "/export").then().statusCode(400);
    }

    @Test
    void jrn5BadRetentionRequestsGetA4xxWithTheReason() {
        assertThat(as(OFFICER).body("{\"event\":\"archived\",\"on\":\"2019-03-10\"}").post("/caseguard/retention/cases/" + CASE_NUMBER + "/events")
            .then().statusCode(400).extract().asString()).contains("closed or reopened");
        as(OFFICER).body("{\"event\":\"closed\",\"on\":\"10/03/2019\"}").post("/caseguard/retention/cases/" + CASE_NUMBER + "/events")
            .then().statusCode(400);
        as(OFFICER).body("{\"case\":\"" + CASE_NUMBER + "\",\"owner\":\"counsel\"}").post("/caseguard/retention/holds").then().statusCode(400);
        fixture.unauthenticated().body("{\"case\":\"" + CASE_NUMBER + "\",\"reason\":\"r\",\"owner\":\"o\"}").post("/caseguard/retention/holds").then().statusCode(401);
        as(OFFICER).post("/caseguard/retention/disposals/no-such-run/approve").then().statusCode(404);
        as(OFFICER).get("/caseguard/retention/due?asOf=tomorrow").then().statusCode(400);
    }

    private static String messageIdOf(String key) {
        String content = as(OFFICER).get("/caseguard/journal/messages/" + key + "/content").then().statusCode(200).extract().asString();
        return content.lines().filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow().substring("Message-ID: ".length()).trim();
    }

    private static void unzip(byte[] zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = into.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
    }
}
