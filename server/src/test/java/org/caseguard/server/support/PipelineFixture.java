package org.caseguard.server.support;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caseguard.server.CaseguardProfile;
import org.caseguard.server.CaseguardServer;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * One running caseguard (embedded James, shipped configuration) plus the outside world it delivers to, with the
 * agency set up as an admin would through WebAdmin: domain agency.example, staff alice and bob, internal
 * domain agency.example, and one case with its client.
 */
public final class PipelineFixture implements AutoCloseable {
    public static final String AGENCY = "agency.example";
    public static final String ALICE = "alice@agency.example";
    public static final String BOB = "bob@agency.example";
    public static final String CASE_NUMBER = "2024-CW-00123";
    public static final String CLIENT_ID = "C-1001";
    public static final String CLIENT_GIVEN = "Maria";
    public static final String CLIENT_FAMILY = "Lopez";
    public static final String CLIENT_DOB = "2014-03-05";
    public static final String OTHER_CASE = "2024-CW-00999";
    public static final String OTHER_CLIENT_ID = "C-2002";

    public final OutsideWorld outside;
    public final CaseguardServer server;
    public final StaffMail mail;
    /** The subject of the token {@link #admin()} sends: the agency admin who set the server up. */
    public static final String ADMIN = "agency.admin";

    public final RequestSpecification webAdmin;
    private final java.util.Map<String, RequestSpecification> actors = new java.util.concurrent.ConcurrentHashMap<>();

    private PipelineFixture(OutsideWorld outside, CaseguardServer server) {
        this.outside = outside;
        this.server = server;
        this.mail = new StaffMail(server.submissionPort(), server.smtpInboundPort(), server.imapPort());
        this.webAdmin = anonymous().addHeader("Authorization", "Bearer " + server.webAdminToken(ADMIN)).build();
    }

    /** WebAdmin without a token: the shipped configuration answers 401. */
    public RequestSpecification unauthenticated() {
        return given().spec(anonymous().build());
    }

    private RequestSpecBuilder anonymous() {
        return new RequestSpecBuilder()
            .setBaseUri("http://127.0.0.1")
            .setPort(server.webAdminPort())
            .setContentType(ContentType.JSON);
    }

    /** WebAdmin as this person: a token with them as subject, which caseguard records as the actor. */
    public RequestSpecification as(String actor) {
        return given().spec(specFor(actor));
    }

    /** The request specification of {@link #as}, for helpers that build several requests. */
    public RequestSpecification specFor(String actor) {
        return actors.computeIfAbsent(actor, subject -> anonymous().addHeader("Authorization", "Bearer " + server.webAdminToken(subject)).build());
    }

    @SafeVarargs
    public static PipelineFixture start(Path workingDirectory, UnaryOperator<String>... mailetContainerEdits) throws Exception {
        return start(workingDirectory, CaseguardProfile.FIREWALL, mailetContainerEdits);
    }

    @SafeVarargs
    public static PipelineFixture start(Path workingDirectory, CaseguardProfile profile, UnaryOperator<String>... mailetContainerEdits)
        throws Exception {
        return start(workingDirectory, profile, List.of(), mailetContainerEdits);
    }

    /** @param overrides Guice bindings replacing James's own, e.g. its DNS (see {@link LoopbackDns}) */
    @SafeVarargs
    public static PipelineFixture start(Path workingDirectory, CaseguardProfile profile, List<com.google.inject.Module> overrides,
        UnaryOperator<String>... mailetContainerEdits) throws Exception {
        OutsideWorld outside = OutsideWorld.start();
        CaseguardServer.Builder builder = CaseguardServer.builder(workingDirectory)
            .profile(profile)
            .ephemeralPorts()
            .remoteDeliveryGateway("127.0.0.1", outside.port());
        overrides.forEach(builder::overrideWith);
        for (UnaryOperator<String> edit : mailetContainerEdits) {
            builder.editMailetContainer(edit);
        }
        CaseguardServer server;
        try {
            server = builder.start();
        } catch (Exception e) {
            outside.close();
            throw e;
        }
        PipelineFixture fixture = new PipelineFixture(outside, server);
        fixture.provisionAgency();
        return fixture;
    }

    private void provisionAgency() {
        admin().put("/domains/" + AGENCY).then().statusCode(204);
        for (String user : List.of(ALICE, BOB)) {
            admin().body("{\"password\":\"" + StaffMail.PASSWORD + "\"}").put("/users/" + user).then().statusCode(204);
        }
        admin().put("/caseguard/internal-domains/" + AGENCY).then().statusCode(204);
        admin().body("{\"givenName\":\"" + CLIENT_GIVEN + "\",\"familyName\":\"" + CLIENT_FAMILY + "\",\"dateOfBirth\":\""
            + CLIENT_DOB + "\",\"identifiers\":[\"MR-778812\"]}").put("/caseguard/clients/" + CLIENT_ID).then().statusCode(204);
        admin().body("{\"status\":\"open\",\"restricted\":false,\"clients\":[\"" + CLIENT_ID + "\"]}")
            .put("/caseguard/cases/" + CASE_NUMBER).then().statusCode(204);
        admin().body("{\"givenName\":\"Jonah\",\"familyName\":\"Whitfield\",\"dateOfBirth\":\"2011-11-20\",\"identifiers\":[]}")
            .put("/caseguard/clients/" + OTHER_CLIENT_ID).then().statusCode(204);
        admin().body("{\"status\":\"open\",\"restricted\":false,\"clients\":[\"" + OTHER_CLIENT_ID + "\"]}")
            .put("/caseguard/cases/" + OTHER_CASE).then().statusCode(204);
    }

    public RequestSpecification admin() {
        return given().spec(webAdmin);
    }

    public static ConditionFactory eventually() {
        // A failed poll (an IMAP read that timed out) is retried like an unmet condition, until the deadline.
        return Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }

    /** Every caseguard notice (refusal, warning) in the user's inbox, oldest first. */
    public List<String> notices(String user) throws Exception {
        return mail.withHeader(user, "X-Caseguard-Notice", "rules=");
    }

    /** The delivered copy of the message with this Message-ID in the user's inbox, if it arrived. */
    public java.util.Optional<String> delivered(String user, String messageId) throws Exception {
        return mail.withHeader(user, "Message-ID", messageId).stream().findFirst();
    }

    private final java.util.Set<String> disposed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** JRN-6: a test disposed of this message on purpose; the closing audit then requires that it is no longer found. */
    public void expectDisposed(String messageId) {
        disposed.add(messageId);
    }

    /** JRN-1, checked when every end-to-end test class closes its server: see {@link JournalAudit}. */
    @Override
    public void close() {
        try {
            List<StaffMail.Sent> sent = mail.sent();
            eventually().untilAsserted(() -> JournalAudit.assertEachSentMessageJournaledOnce(specFor(JournalAudit.ACTOR), sent, disposed));
        } finally {
            server.close();
            outside.close();
        }
    }
}
