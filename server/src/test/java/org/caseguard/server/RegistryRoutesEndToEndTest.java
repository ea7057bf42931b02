package org.caseguard.server;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;

import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /caseguard WebAdmin routes on the real server, as an admin's curl would use them. */
class RegistryRoutesEndToEndTest {
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

    @Test
    void clientAndCaseCanBeReadBack() {
        fixture.admin().get("/caseguard/clients/" + PipelineFixture.CLIENT_ID).then().statusCode(200)
            .body("familyName", equalTo(PipelineFixture.CLIENT_FAMILY)).body("dateOfBirth", equalTo(PipelineFixture.CLIENT_DOB));
        fixture.admin().get("/caseguard/cases/" + PipelineFixture.CASE_NUMBER).then().statusCode(200)
            .body("status", equalTo("open")).body("clients", hasItem(PipelineFixture.CLIENT_ID));
        fixture.admin().get("/caseguard/internal-domains").then().statusCode(200).body("$", hasItem("agency.example"));
    }

    @Test
    void unknownResourcesAre404() {
        fixture.admin().get("/caseguard/clients/NOPE-1").then().statusCode(404);
        fixture.admin().delete("/caseguard/cases/NOPE-0001").then().statusCode(404);
        fixture.admin().delete("/caseguard/internal-domains/never.example").then().statusCode(404);
    }

    @Test
    void validationErrorsAre400AndNameTheField() {
        fixture.admin().put("/caseguard/internal-domains/not_a_domain").then().statusCode(400)
            .body("type", equalTo("InvalidArgument")).body("message", containsString("\"domain\""));
        fixture.admin().body("{\"givenName\":\"A\",\"familyName\":\"B\",\"dateOfBirth\":\"05/03/2014\"}").put("/caseguard/clients/C-9")
            .then().statusCode(400).body("message", containsString("\"dateOfBirth\": must be an ISO date"));
        fixture.admin().body("{\"familyName\":\"B\"}").put("/caseguard/clients/C-9")
            .then().statusCode(400).body("message", containsString("\"givenName\": is required"));
        fixture.admin().body("{\"status\":\"pending\"}").put("/caseguard/cases/2024-CW-77777")
            .then().statusCode(400).body("message", containsString("\"status\": must be one of open, closed"));
        fixture.admin().body("{\"clients\":[\"C-404\"]}").put("/caseguard/cases/2024-CW-77777")
            .then().statusCode(400).body("message", containsString("\"clients\": unknown client \"C-404\""));
        fixture.admin().body("{\"category\":\"cousin\"}").put("/caseguard/parties/p@mail.test")
            .then().statusCode(400).body("message", containsString("\"category\": must be one of provider"));
        fixture.admin().body("{\"reason\":\"x\"}").put("/caseguard/cases/NO-SUCH-CASE/allow-list/gal@law.test")
            .then().statusCode(400).body("message", containsString("\"caseNumber\": unknown case"));
        fixture.admin().body("{\"reason\":\"x\"}").put("/caseguard/allow-list/not-an-address")
            .then().statusCode(400).body("message", containsString("\"address\""));
        fixture.admin().body("{not json").put("/caseguard/clients/C-9")
            .then().statusCode(400).body("message", containsString("JSON object"));
        fixture.admin().body("{\"givenName\":\"A\",\"familyName\":\"B\",\"nickname\":\"x\"}").put("/caseguard/clients/C-9")
            .then().statusCode(400).body("message", containsString("\"nickname\": is not a known field"));
        fixture.admin().get("/caseguard/clients?limit=100000").then().statusCode(400).body("message", containsString("\"limit\""));
    }

    @Test
    void bulkImportReportsEveryErrorOrImportsEverything() {
        fixture.admin().body("{\"type\":\"client\",\"id\":\"B-1\",\"givenName\":\"Ann\",\"familyName\":\"Bell\"}\n"
                + "{\"type\":\"case\",\"number\":\"2024-CW-55555\",\"clients\":[\"B-404\"]}\n")
            .post("/caseguard/import?format=jsonl").then().statusCode(400)
            .body("errors", hasSize(1)).body("errors[0]", containsString("line 2"));
        fixture.admin().get("/caseguard/clients/B-1").then().statusCode(404);

        fixture.admin().body("{\"type\":\"client\",\"id\":\"B-1\",\"givenName\":\"Ann\",\"familyName\":\"Bell\"}\n"
                + "{\"type\":\"case\",\"number\":\"2024-CW-55555\",\"clients\":[\"B-1\"]}\n")
            .post("/caseguard/import?format=jsonl").then().statusCode(200).body("clients", equalTo(1)).body("cases", equalTo(1));
        fixture.admin().get("/caseguard/cases/2024-CW-55555").then().statusCode(200).body("clients", hasItem("B-1"));
    }

    @Test
    void pagingLimitsListings() {
        fixture.admin().get("/caseguard/clients?offset=0&limit=1").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void csvImportOfClientsThenCases() {
        fixture.admin().contentType("text/csv").body("id,givenName,familyName,identifiers\nK-1,Kim,Nguyen,MCD-445566;MR-112233\n")
            .post("/caseguard/import?format=csv&type=client").then().statusCode(200).body("clients", equalTo(1));
        fixture.admin().contentType("text/csv").body("number,status,clients\n2024-CW-66666,open,K-1\n")
            .post("/caseguard/import?format=csv&type=case").then().statusCode(200).body("cases", equalTo(1));
        fixture.admin().get("/caseguard/cases/2024-CW-66666").then().statusCode(200).body("clients", hasItem("K-1"));
        fixture.admin().contentType("text/csv").body("id\nX-1\n").post("/caseguard/import?format=csv")
            .then().statusCode(400).body("message", containsString("\"type\": required"));
        fixture.admin().contentType("text/csv").body("id\nX-1\n").post("/caseguard/import?format=csv&type=clients")
            .then().statusCode(400).body("message", containsString("\"type\": must be one of"));
    }
}
