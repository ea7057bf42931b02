package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.caseguard.server.support.ConsentRecords;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.OutsideWorld;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;

/**
 * The consent profile, clients to staff (CN-6, CN-10, OPS-2 with RFC 3834) and the consent history (CN-1 on a past
 * date), through the real server: clients write from outside over SMTP, staff read over IMAP, the automatic replies
 * arrive at a real SMTP server standing in for the clients' providers. Today is an agency holiday in this server's
 * configuration, so every OPS-2 reply is the out-of-hours one.
 */
class ConsentInboundEndToEndTest {
    static final String DANA = "dana.okafor@mail.test";
    static final String LEE = "lee.park@mail.test";
    static final String ROSA = "rosa@mail.test";
    static final String TOM = "tom@mail.test";
    static final String SAM = "sam.reyes@mail.test";

    @TempDir
    static Path workingDirectory;

    static PipelineFixture fixture;
    static Outcomes outcomes;

    @BeforeAll
    static void start() throws Exception {
        String today = ConsentRecords.today().toString();
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT,
            xml -> xml.replace("<holidays></holidays>", "<holidays>" + today + "</holidays>"));
        outcomes = new Outcomes(fixture);
        ConsentOutboundEndToEndTest.fixture = fixture;
        ConsentOutboundEndToEndTest.client("C-3001", "Dana", "Okafor", "1988-04-12", "2025-MH-00301");
        ConsentOutboundEndToEndTest.client("C-3002", "Lee", "Park", "1979-09-30", "2025-MH-00302");
        ConsentOutboundEndToEndTest.client("C-3003", "Rosa", "Quintero", "1990-01-15", "2025-MH-00303");
        ConsentOutboundEndToEndTest.client("C-3004", "Tom", "Berglund", "1985-06-02", "2025-MH-00304");
        ConsentOutboundEndToEndTest.client("C-3009", "Sam", "Reyes", "1982-02-11", "2025-MH-00309");
        ConsentOutboundEndToEndTest.consent("C-3001", ConsentRecords.eligible("C-3001", DANA).json());
        ConsentOutboundEndToEndTest.consent("C-3002", ConsentRecords.eligible("C-3002", LEE).json());
        ConsentOutboundEndToEndTest.consent("C-3003", ConsentRecords.eligible("C-3003", ROSA).expiresOn(ConsentRecords.today().minusDays(1)).json());
        ConsentOutboundEndToEndTest.consent("C-3004", ConsentRecords.eligible("C-3004", TOM).revokedOn(ConsentRecords.today()).json());
        ConsentOutboundEndToEndTest.consent("C-3009", ConsentRecords.eligible("C-3009", SAM).json());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String fromClient(String client, String subject, String body, String extraHeaders, String... staff) throws Exception {
        String messageId = Messages.uniqueId();
        String raw = "From: " + client + "\r\nTo: " + String.join(", ", staff) + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
            + "\r\n" + extraHeaders + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
        fixture.mail.sendFromOutside(client, raw, staff);
        return messageId;
    }

    private static List<OutsideWorld.Received> repliesTo(String client) {
        return fixture.outside.receivedBy(client).stream().filter(mail -> mail.raw().contains("Auto-Submitted: auto-replied")).toList();
    }

    private static OutsideWorld.Received awaitReplyTo(String client, String inReplyTo) {
        eventually().until(() -> repliesTo(client).stream().anyMatch(mail -> mail.raw().contains(inReplyTo)));
        return repliesTo(client).stream().filter(mail -> mail.raw().contains(inReplyTo)).findFirst().orElseThrow();
    }

    @Test
    void cn6MailFromAClientWithoutConsentIsDeliveredFlaggedAndAnsweredAskingForTelephoneOrMail() throws Exception {
        String messageId = fromClient(ROSA, "Question about my meds", "Can I take my pills at night instead? Rosa", "", ALICE);

        String delivered = outcomes.assertDeliveredInside(ALICE, messageId);
        assertThat(delivered).contains("X-Caseguard-Consent: not-in-effect");
        OutsideWorld.Received reply = awaitReplyTo(ROSA, messageId);
        assertThat(reply.envelopeSender()).as("RFC 3834: automatic replies go from the null sender").isEmpty();
        assertThat(reply.raw()).contains("telephone").contains("write to us")
            .doesNotContain("Question about my meds").doesNotContain("pills").doesNotContain("Quintero");
    }

    @Test
    void cn6EmergentMailIsUrgentForTheWorkerAndCopiedToTheSupervisorAndTheReplyGivesTheCrisisLine() throws Exception {
        String messageId = fromClient(ROSA, "tonight", "I can't go on anymore. I want to kill myself tonight.", "", ALICE);

        String toWorker = outcomes.assertDeliveredInside(ALICE, messageId);
        assertThat(toWorker).contains("X-Caseguard-Urgent: yes").contains("Importance: high");
        assertThat(outcomes.assertDeliveredInside(BOB, messageId)).contains("X-Caseguard-Urgent: yes");
        OutsideWorld.Received reply = awaitReplyTo(ROSA, messageId);
        assertThat(reply.raw()).contains("988").doesNotContain("kill myself");
    }

    @Test
    void cn10APrivacyRightsRequestNotifiesTheWorkerAndItsFormsNeverLeaveInClear() throws Exception {
        String messageId = fromClient(DANA, "records", "Hello, I would like to get a copy of my medical records please.", "", ALICE);

        assertThat(outcomes.assertDeliveredInside(ALICE, messageId)).contains("X-Caseguard-Privacy-Request: yes");
        eventually().until(() -> fixture.mail.inbox(ALICE).stream().anyMatch(raw -> raw.contains("Privacy-rights request received (CN-10)")));
        // The reply with the forms may only go encrypted (CN-10 "by the secure method"): without an encryption stage it
        // is refused under ENC-2 and the worker, its envelope sender, is told.
        eventually().until(() -> fixture.notices(ALICE).stream().anyMatch(raw -> raw.contains("rules=ENC-2")
            && raw.toLowerCase(java.util.Locale.ROOT).contains("final-recipient: rfc822; " + DANA)));
        assertThat(fixture.outside.receivedBy(DANA)).noneMatch(mail -> mail.raw().contains("REQUEST ABOUT YOUR HEALTH INFORMATION")
            || mail.raw().contains("privacy-rights-request-form"));
    }

    @Test
    void ops2MailFromAConsentingClientOutOfHoursGetsTheHoursAndTheCrisisLine() throws Exception {
        String messageId = fromClient(LEE, "Tuesday", "Thanks, see you on Tuesday.", "", ALICE);

        assertThat(outcomes.assertDeliveredInside(ALICE, messageId)).contains("X-Caseguard-Consent: in-effect");
        OutsideWorld.Received reply = awaitReplyTo(LEE, messageId);
        assertThat(reply.raw()).contains("closed").contains("Mon").contains("988").doesNotContain("see you on Tuesday");
    }

    @Test
    void rfc3834AClientsAutoResponderGetsNoAnswerAndAReplyLoopStopsAfterOneReply() throws Exception {
        String first = fromClient(TOM, "hello", "Please call me back.", "", ALICE);
        awaitReplyTo(TOM, first);

        // Tom's auto-responder answers our automatic reply: marked as automatic (RFC 3834), and then a naive one that is not.
        String marked = fromClient(TOM, "Out of office", "I am away until Monday.", "Auto-Submitted: auto-replied\r\n", ALICE);
        String naive = fromClient(TOM, "Re: Automatic reply", "I am away until Monday.", "", ALICE);
        outcomes.assertDeliveredInside(ALICE, marked);
        outcomes.assertDeliveredInside(ALICE, naive);
        Thread.sleep(3000);
        assertThat(repliesTo(TOM)).as("one reply per sender and kind per period, none to automatic mail").hasSize(1);
    }

    @Test
    void cn1TheAnswerGivenOnAPastDateIsReproducibleAfterTheConsentChanged() throws Exception {
        Instant beforeRevocation = Instant.now();
        JsonPath then = eligibility("C-3009", beforeRevocation);
        assertThat(then.getBoolean("allowed")).isTrue();

        fixture.as("privacy.officer")
            .body("{\"revokedOn\":\"" + ConsentRecords.today() + "\",\"revokedBy\":\"client by phone\"}")
            .post("/caseguard/consents/C-3009/revocation").then().statusCode(204);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, SAM, "Your appointment [purpose: appointment-reminder]",
            "Hi Sam, this is a reminder of your appointment on Tuesday at 10:00 at the clinic.", messageId), SAM);
        outcomes.assertRefused(ALICE, messageId, SAM, "CN-1");

        JsonPath now = eligibility("C-3009", Instant.now());
        assertThat(now.getBoolean("allowed")).isFalse();
        assertThat(now.getList("unmet.condition", String.class)).containsExactly("revoked");
        JsonPath replayed = eligibility("C-3009", beforeRevocation);
        assertThat(replayed.getBoolean("allowed")).isTrue();
        assertThat(replayed.getString("date")).isEqualTo(then.getString("date"));
        assertThat(replayed.getList("addressRoles", String.class)).containsExactly("consented");
    }

    private static JsonPath eligibility(String clientId, Instant at) {
        return fixture.admin().queryParam("at", at.toString()).queryParam("zone", ConsentRecords.ZONE.getId()).queryParam("address", SAM)
            .get("/caseguard/consents/" + clientId + "/eligibility").then().statusCode(200).extract().jsonPath();
    }
}
