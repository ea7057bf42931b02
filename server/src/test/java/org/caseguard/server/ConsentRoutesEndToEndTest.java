package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.specification.RequestSpecification;

/** The /caseguard/consents WebAdmin routes on the real server, as an admin's curl would use them. */
class ConsentRoutesEndToEndTest {
    private static final String ACTOR = "X-Caseguard-Actor";
    private static final String MARIA = "{\"preferredContact\":\"email\","
        + "\"programApproval\":{\"program\":\"Outpatient MH\",\"approvedBy\":\"pm.lee\",\"approvedOn\":\"2025-01-02\"},"
        + "\"clinicianDetermination\":{\"clinician\":\"dr.rivera\",\"determinedOn\":\"2025-01-05\"},"
        + "\"form\":{\"formId\":\"MH-708\",\"signedByClient\":true,\"signedByWorker\":\"w.jones\",\"signedOn\":\"2025-01-10\","
        + "\"effectiveFrom\":\"2025-01-10\",\"expiresOn\":\"2026-01-09\"},"
        + "\"consentedAddress\":\"maria@mail.test\",\"minor\":false,\"consentGivenBy\":\"client\","
        + "\"permittedPurposes\":[\"scheduling\",\"appointment-reminder\"],\"knownAddresses\":[\"maria.work@job.test\"],"
        + "\"worker\":\"w.jones@agency.example\",\"supervisor\":\"sup.kim@agency.example\"}";

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

    private static RequestSpecification as(String actor) {
        return fixture.as(actor);
    }

    private static void registerClient(String id) {
        fixture.admin().body("{\"givenName\":\"Given\",\"familyName\":\"Family\"}").put("/caseguard/clients/" + id).then().statusCode(204);
    }

    @Test
    void putReadHistoryAsOfRevokeAndDelete() throws Exception {
        String client = PipelineFixture.CLIENT_ID;
        as("admin.alice").body(MARIA).put("/caseguard/consents/" + client).then().statusCode(204);
        Instant afterCreate = Instant.now();
        fixture.admin().get("/caseguard/consents/" + client).then().statusCode(200)
            .body("clientId", equalTo(client))
            .body("consentedAddress", equalTo("maria@mail.test"))
            .body("form.expiresOn", equalTo("2026-01-09"))
            .body("permittedPurposes", equalTo(List.of("scheduling", "appointment-reminder")))
            .body("consentGivenBy", equalTo("client"));
        fixture.admin().get("/caseguard/consents").then().statusCode(200).body("clientId", hasItem(client));

        Thread.sleep(20);
        as("admin.bob").body(MARIA.replace("maria@mail.test", "maria.lopez@mail.test")).put("/caseguard/consents/" + client)
            .then().statusCode(204);
        Thread.sleep(20);
        as("admin.bob").body("{\"revokedOn\":\"2025-06-01\",\"revokedBy\":\"w.jones\"}")
            .post("/caseguard/consents/" + client + "/revocation").then().statusCode(204);
        fixture.admin().get("/caseguard/consents/" + client).then().statusCode(200)
            .body("form.revokedOn", equalTo("2025-06-01")).body("form.revokedBy", equalTo("w.jones"))
            .body("consentedAddress", equalTo("maria.lopez@mail.test"));

        // The state right after creation is still what the registry said then.
        fixture.admin().queryParam("asOf", afterCreate.toString()).get("/caseguard/consents/" + client).then().statusCode(200)
            .body("consentedAddress", equalTo("maria@mail.test")).body("form.revokedOn", nullValue());
        fixture.admin().queryParam("asOf", "2020-01-01").get("/caseguard/consents/" + client).then().statusCode(404)
            .body("message", containsString("at that time"));
        fixture.admin().queryParam("asOf", afterCreate.toString()).get("/caseguard/consents").then().statusCode(200)
            .body("find { it.clientId == '" + client + "' }.consentedAddress", equalTo("maria@mail.test"));

        List<Map<String, Object>> history = fixture.admin().get("/caseguard/consents/" + client + "/history").then().statusCode(200)
            .extract().jsonPath().getList("$");
        assertThat(history).anySatisfy(change -> assertThat(change)
            .containsEntry("changedBy", "admin.bob").containsEntry("field", "consentedAddress")
            .containsEntry("oldValue", "maria@mail.test").containsEntry("newValue", "maria.lopez@mail.test"));
        assertThat(history).anySatisfy(change -> assertThat(change)
            .containsEntry("field", "form.revokedOn").containsEntry("oldValue", null).containsEntry("newValue", "2025-06-01"));
        assertThat(history).filteredOn(change -> change.get("changedBy").equals("admin.alice")).isNotEmpty()
            .allSatisfy(change -> assertThat(Instant.parse((String) change.get("at"))).isBeforeOrEqualTo(afterCreate));

        as("admin.carol").delete("/caseguard/consents/" + client).then().statusCode(204);
        fixture.admin().get("/caseguard/consents/" + client).then().statusCode(404);
        fixture.admin().queryParam("asOf", afterCreate.toString()).get("/caseguard/consents/" + client).then().statusCode(200)
            .body("consentedAddress", equalTo("maria@mail.test"));
        as("admin.carol").delete("/caseguard/consents/" + client).then().statusCode(404);
    }

    @Test
    void everyChangeIsRecordedUnderTheTokenSubjectAndNobodyActsUnderAnotherName() {
        String client = PipelineFixture.OTHER_CLIENT_ID;
        fixture.unauthenticated().body(MARIA).put("/caseguard/consents/" + client).then().statusCode(401);
        as("admin.dave").header(ACTOR, "admin.erin").body(MARIA).put("/caseguard/consents/" + client).then().statusCode(400)
            .body("message", containsString("\"X-Caseguard-Actor\": the actor is the authenticated token's subject"));
        as("admin.dave").header(ACTOR, "admin.erin").delete("/caseguard/consents/" + client).then().statusCode(400);
        fixture.admin().get("/caseguard/consents/" + client).then().statusCode(404);

        as("admin.dave").header(ACTOR, "admin.dave").body(MARIA).put("/caseguard/consents/" + client).then().statusCode(204);
        as("admin.dave").delete("/caseguard/consents/" + client).then().statusCode(204);
        List<Map<String, Object>> history = fixture.admin().get("/caseguard/consents/" + client + "/history").then().statusCode(200)
            .extract().jsonPath().getList("$");
        assertThat(history).isNotEmpty().allSatisfy(change -> assertThat(change.get("changedBy")).isEqualTo("admin.dave"));
    }

    @Test
    void validationErrorsAre400AndNameTheFieldPath() {
        String client = PipelineFixture.OTHER_CLIENT_ID;
        as("admin").body(MARIA.replace("\"expiresOn\":\"2026-01-09\"", "\"expiresOn\":\"2024-01-09\"")).put("/caseguard/consents/" + client)
            .then().statusCode(400).body("type", equalTo("InvalidArgument"))
            .body("message", containsString("\"form.expiresOn\": must not be before form.effectiveFrom"));
        as("admin").body(MARIA.replace("\"consentGivenBy\":\"client\"", "\"consentGivenBy\":\"responsible-adult\""))
            .put("/caseguard/consents/" + client).then().statusCode(400).body("message", containsString("\"responsibleAdult\": is required"));
        as("admin").body(MARIA.replace("maria@mail.test", "maria-at-mail.test")).put("/caseguard/consents/" + client)
            .then().statusCode(400).body("message", containsString("\"consentedAddress\": must be an email address"))
            .body("message", org.hamcrest.Matchers.not(containsString("maria-at-mail.test")));
        as("admin").body(MARIA.replace("\"scheduling\"", "\"marketing\"")).put("/caseguard/consents/" + client)
            .then().statusCode(400).body("message", containsString("\"permittedPurposes\": each must be one of"));
        as("admin").body(MARIA.replace("\"minor\"", "\"nickname\":\"x\",\"minor\"")).put("/caseguard/consents/" + client)
            .then().statusCode(400).body("message", containsString("\"nickname\": is not a known field"));
        as("admin").body("{not json").put("/caseguard/consents/" + client).then().statusCode(400)
            .body("message", containsString("JSON object"));
        as("admin").body("{\"clientId\":\"C-9999\"}").put("/caseguard/consents/" + client).then().statusCode(400)
            .body("message", containsString("\"clientId\""));
        fixture.admin().queryParam("asOf", "yesterday").get("/caseguard/consents/" + client).then().statusCode(400)
            .body("message", containsString("\"asOf\""));
        fixture.admin().get("/caseguard/consents/" + client).then().statusCode(404);
    }

    @Test
    void unknownClientsAre404() {
        as("admin").body(MARIA).put("/caseguard/consents/NOPE-1").then().statusCode(404).body("message", containsString("no such client"));
        as("admin").body("{\"revokedOn\":\"2025-06-01\",\"revokedBy\":\"w\"}").post("/caseguard/consents/NOPE-1/revocation")
            .then().statusCode(404);
        fixture.admin().get("/caseguard/consents/NOPE-1/history").then().statusCode(404);
        fixture.admin().get("/caseguard/consents/NOPE-1").then().statusCode(404);
    }

    @Test
    void importIsAllOrNothingInJsonLinesAndCsv() {
        registerClient("IMP-1");
        registerClient("IMP-2");
        as("sync-job").body("{\"clientId\":\"IMP-1\",\"consentedAddress\":\"imp1@mail.test\"}\n"
                + "{\"clientId\":\"IMP-404\"}\n")
            .post("/caseguard/consents/import?format=jsonl").then().statusCode(400)
            .body("errors", hasSize(1)).body("errors[0]", containsString("line 2: \"clientId\": unknown client"));
        fixture.admin().get("/caseguard/consents/IMP-1").then().statusCode(404);

        as("sync-job").body("{\"clientId\":\"IMP-1\",\"consentedAddress\":\"imp1@mail.test\"}\n")
            .post("/caseguard/consents/import").then().statusCode(200).body("consents", equalTo(1));
        fixture.admin().get("/caseguard/consents/IMP-1").then().statusCode(200).body("consentedAddress", equalTo("imp1@mail.test"));
        fixture.admin().get("/caseguard/consents/IMP-1/history").then().statusCode(200).body("changedBy", hasItem("sync-job"));

        as("sync-job").contentType("text/csv")
            .body("clientId,minor,consentGivenBy,responsibleAdult.name,responsibleAdult.relationship,responsibleAdult.address,permittedPurposes\n"
                + "IMP-2,yes,responsible-adult,Ana Ruiz,parent,ana@mail.test,scheduling;factual-information\n")
            .post("/caseguard/consents/import?format=csv").then().statusCode(200).body("consents", equalTo(1));
        fixture.admin().get("/caseguard/consents/IMP-2").then().statusCode(200)
            .body("responsibleAdult.relationship", equalTo("parent")).body("permittedPurposes", hasSize(2));

        as("sync-job").body("x").post("/caseguard/consents/import?format=xml").then().statusCode(400)
            .body("message", containsString("\"format\": must be jsonl or csv"));
    }

    @Test
    void eligibilityAnswersForAnyInstantAndRejectsABadInstantOrZoneNamingIt() {
        registerClient("C-ELIG");
        fixture.admin().get("/caseguard/consents/C-ELIG/eligibility").then().statusCode(200)
            .body("allowed", equalTo(false))
            .body("unmet.condition", org.hamcrest.Matchers.contains("no-consent-record"));
        fixture.admin().queryParam("zone", "Mars/Olympus").get("/caseguard/consents/C-ELIG/eligibility").then().statusCode(400)
            .body("message", containsString("\"zone\""));
        fixture.admin().queryParam("at", "yesterday").get("/caseguard/consents/C-ELIG/eligibility").then().statusCode(400)
            .body("message", containsString("\"at\""));
        fixture.admin().get("/caseguard/consents/C-NOBODY/eligibility").then().statusCode(404);
    }
}
