package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;

/**
 * JRN-1, JRN-3, JRN-4 and JRN-7 through the real server, read as the privacy officer would over WebAdmin: the
 * verdicts and case binding of a refused message, search by case, participant and rule, and verify.
 */
class JournalEndToEndTest {
    private static final String ACTOR = "privacy-officer@agency.example";

    @TempDir
    static Path workingDirectory;

    static PipelineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = PipelineFixture.start(workingDirectory);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static List<Map<String, Object>> search(String name, String value) {
        return fixture.as(ACTOR).queryParam(name, value).get("/caseguard/journal/messages")
            .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonPath records(String key) {
        return fixture.as(ACTOR).get("/caseguard/journal/messages/" + key)
            .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void jrn3ARefusedCaseMessageIsBoundToItsCaseWithItsVerdictsPerRecipient() throws Exception {
        String body = "Update on case " + CASE_NUMBER + ": home visit moved to Friday.";
        fixture.mail.send(ALICE, Messages.plain(ALICE, "lawyer@outside.test, " + BOB, "Home visit", body), "lawyer@outside.test", BOB, "carol@agency.example");

        eventually().until(() -> !search("case", CASE_NUMBER).isEmpty());
        List<Map<String, Object>> ofCase = search("case", CASE_NUMBER);
        assertThat(ofCase).hasSize(1);
        String key = (String) ofCase.get(0).get("key");

        JsonPath records = records(key);
        assertThat(records.getList("kind")).containsExactly("received", "verdicts");
        assertThat(records.getList("[0].fields.rcptTo")).containsExactly("lawyer@outside.test", BOB, "carol@agency.example");
        assertThat(records.getString("[0].fields.authUser")).isEqualTo(ALICE);
        assertThat(records.getList("[1].fields.cases")).containsExactly(CASE_NUMBER);
        assertThat(records.getString("[1].fields.recipients.find { it.recipient == 'lawyer@outside.test' }.outcome")).isEqualTo("refuse");
        assertThat(records.getList("[1].fields.recipients.find { it.recipient == 'lawyer@outside.test' }.rules")).containsExactly("FW-2");
        assertThat(records.getString("[1].fields.recipients.find { it.recipient == 'bob@agency.example' }.outcome")).isEqualTo("deliver");

        assertThat(search("rule", "FW-2")).extracting(message -> message.get("key")).contains(key);
        assertThat(search("participant", "LAWYER@outside.test")).extracting(message -> message.get("key")).contains(key);
        assertThat(search("case", "2024-CW-99999")).isEmpty();
    }

    @Test
    void jrn3FullTextSearchFindsAMessageByWordsOfItsSubjectBodyAndAttachmentWhateverTheirCase() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, org.caseguard.server.support.Mime.multipart(ALICE, BOB, "Quarterly Placement review", messageId,
            org.caseguard.server.support.Mime.part("text/plain; charset=UTF-8", "7bit", null, "The Okonkwo kinship assessment is attached."),
            org.caseguard.server.support.Mime.attachment("text/csv", "visits.csv",
                "date,visitor\n2026-11-02,Haverbrook\n".getBytes(StandardCharsets.UTF_8))), BOB);

        eventually().until(() -> !search("text", "okonkwo").isEmpty());
        assertThat(search("text", "OKONKWO Placement haverbrook")).hasSize(1);
        io.restassured.response.Response searched = fixture.as(ACTOR).queryParam("text", "Okonkwo placement").get("/caseguard/journal/messages");
        io.restassured.response.Response again = fixture.as(ACTOR).queryParam("text", "PLACEMENT okonkwo").get("/caseguard/journal/messages");
        JsonPath access = records(searched.header("X-Caseguard-Journal-Access"));
        assertThat(access.getString("[0].kind")).isEqualTo("access");
        assertThat(access.prettify()).doesNotContainIgnoringCase("okonkwo").doesNotContainIgnoringCase("placement");
        String terms = access.getString("[0].fields.criteria.textTerms");
        assertThat(terms).matches("[0-9a-f]{32} [0-9a-f]{32}");
        assertThat(records(again.header("X-Caseguard-Journal-Access")).getString("[0].fields.criteria.textTerms")).isEqualTo(terms);
        assertThat(search("text", "okonkwo nonexistentword")).isEmpty();
        fixture.as(ACTOR).queryParam("text", "a").get("/caseguard/journal/messages").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("\"text\""));
        fixture.as(ACTOR).queryParam("text", "okonkwo a").get("/caseguard/journal/messages").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("2 to 64 letters or digits"));
    }

    @Test
    void jrn7TheAuditListsWhoSearchedAndViewedACasesMailAndIsRecordedItself() throws Exception {
        String caseNumber = org.caseguard.server.support.PipelineFixture.OTHER_CASE; // the first test counts the messages of CASE_NUMBER
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Visit", "Notes on case " + caseNumber + ".", messageId), BOB);
        eventually().until(() -> !search("case", caseNumber).isEmpty());
        String key = (String) search("case", caseNumber).get(0).get("key");
        fixture.as("caseworker@agency.example").get("/caseguard/journal/messages/" + key).then().statusCode(200);
        String auditor = "auditor@agency.example";

        JsonPath audit = fixture.as(auditor).queryParam("case", caseNumber).get("/caseguard/journal/accesses")
            .then().statusCode(200).header("X-Caseguard-Journal-Access", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
        assertThat(audit.getList("actor", String.class)).contains(ACTOR, "caseworker@agency.example");
        assertThat(audit.getString("find { it.actor == 'caseworker@agency.example' }.action")).isEqualTo("view");
        assertThat(audit.getString("find { it.actor == '" + ACTOR + "' }.case")).isEqualTo(caseNumber);
        assertThat(fixture.as(auditor).queryParam("message", key).queryParam("actor", "caseworker@agency.example")
            .get("/caseguard/journal/accesses").then().statusCode(200).extract().jsonPath().getList("action", String.class)).containsExactly("view");

        assertThat(fixture.as(ACTOR).queryParam("actor", auditor).get("/caseguard/journal/accesses")
            .then().statusCode(200).extract().jsonPath().getList("action", String.class)).containsOnly("audit").hasSizeGreaterThanOrEqualTo(2);
        fixture.as(auditor).queryParam("from", "last week").get("/caseguard/journal/accesses").then().statusCode(400);
        fixture.as(auditor).queryParam("limit", "0").get("/caseguard/journal/accesses").then().statusCode(400);
        fixture.unauthenticated().get("/caseguard/journal/accesses").then().statusCode(401);
    }

    @Test
    void jrn4VerifyPassesOnTheLiveJournal() throws Exception {
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Lunch", "Lunch at noon?"), BOB);
        eventually().until(() -> fixture.as(ACTOR).post("/caseguard/journal/verify")
            .then().statusCode(200).extract().jsonPath().getInt("entries") >= 2);

        JsonPath report = fixture.as(ACTOR).post("/caseguard/journal/verify").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("passed")).as(report.prettify()).isTrue();
        assertThat(report.getList("problems")).isEmpty();
    }

    @Test
    void jrn7JournalRequestsWithoutATokenOrWithBadCriteriaAreRefused() {
        fixture.unauthenticated().get("/caseguard/journal/messages").then().statusCode(401);
        fixture.unauthenticated().post("/caseguard/journal/verify").then().statusCode(401);
        fixture.as(ACTOR).queryParam("from", "yesterday").get("/caseguard/journal/messages").then().statusCode(400);
        fixture.as(ACTOR).get("/caseguard/journal/messages/no-such-key").then().statusCode(404);
    }
}
