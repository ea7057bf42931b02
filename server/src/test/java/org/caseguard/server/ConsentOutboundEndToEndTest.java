package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;

import java.nio.file.Path;

import org.caseguard.server.support.ConsentRecords;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent profile, staff to clients (CN-1, CN-3, CN-4, CN-5, CN-7, CN-8, CN-9, ENC-2), through the real server:
 * alice sends over SMTP submission, the outside world is a real SMTP server, notices are read over IMAP. Without an
 * encryption stage an eligible client recipient is refused under ENC-2: the test for eligibility is that ENC-2,
 * and no CN rule, is named, and that nothing reaches the client in clear.
 */
class ConsentOutboundEndToEndTest {
    static final String DANA = "dana.okafor@mail.test";
    static final String DANA_WORK = "dana@work.test";
    static final String LEE = "lee.park@mail.test";
    static final String ROSA = "rosa@mail.test";
    static final String TOM = "tom@mail.test";
    static final String IVY = "ivy@mail.test";
    static final String OMAR = "omar@mail.test";
    static final String KID = "kid.moss@mail.test";
    static final String PARENT = "ana.moss@mail.test";

    @TempDir
    static Path workingDirectory;

    static PipelineFixture fixture;
    static Outcomes outcomes;

    @BeforeAll
    static void start() throws Exception {
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.CONSENT);
        outcomes = new Outcomes(fixture);
        client("C-3001", "Dana", "Okafor", "1988-04-12", "2025-MH-00301");
        client("C-3002", "Lee", "Park", "1979-09-30", "2025-MH-00302");
        client("C-3003", "Rosa", "Quintero", "1990-01-15", "2025-MH-00303");
        client("C-3004", "Tom", "Berglund", "1985-06-02", "2025-MH-00304");
        client("C-3005", "Ivy", "Nakamura", "1993-12-08", "2025-MH-00305");
        client("C-3006", "Omar", "Haddad", "1970-03-21", "2025-MH-00306");
        client("C-3007", "Kai", "Moss", "2012-05-05", "2025-MH-00307");
        consent("C-3001", ConsentRecords.eligible("C-3001", DANA).knownAddresses(DANA_WORK).json());
        consent("C-3002", ConsentRecords.eligible("C-3002", LEE).json());
        consent("C-3003", ConsentRecords.eligible("C-3003", ROSA).expiresOn(ConsentRecords.today().minusDays(1)).json());
        consent("C-3004", ConsentRecords.eligible("C-3004", TOM).revokedOn(ConsentRecords.today()).json());
        consent("C-3005", ConsentRecords.eligible("C-3005", IVY).signedByClientOnly().json());
        consent("C-3006", ConsentRecords.eligible("C-3006", OMAR).programNotApproved().json());
        consent("C-3007", ConsentRecords.eligible("C-3007", KID).consentedByParent("Ana Moss", PARENT).json());
    }

    static void client(String id, String given, String family, String dateOfBirth, String caseNumber) {
        fixture.admin().body("{\"givenName\":\"" + given + "\",\"familyName\":\"" + family + "\",\"dateOfBirth\":\"" + dateOfBirth
            + "\",\"identifiers\":[]}").put("/caseguard/clients/" + id).then().statusCode(204);
        fixture.admin().body("{\"status\":\"open\",\"restricted\":false,\"clients\":[\"" + id + "\"]}")
            .put("/caseguard/cases/" + caseNumber).then().statusCode(204);
    }

    static void consent(String clientId, String json) {
        fixture.as("intake.clerk").body(json).put("/caseguard/consents/" + clientId).then().statusCode(204);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void clearOutside() {
        fixture.outside.clear();
    }

    private static String send(String subject, String body, String... recipients) throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, String.join(", ", recipients), subject, body, messageId), recipients);
        return messageId;
    }

    private static final String REMINDER = "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00 at the clinic. "
        + "Please arrive ten minutes early. If you need to reschedule, call us.";

    @Test
    void cn1EligibleClientIsNeverSentInClearAndIsRefusedUnderEnc2UntilEncryptionIsSetUp() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER, DANA);
        String notice = outcomes.assertRefused(ALICE, messageId, DANA, "ENC-2");
        assertThat(notice).doesNotContain("CN-").doesNotContain("Tuesday");
    }

    @Test
    void cn1ConsentThatExpiredYesterdayIsRefusedAndTheNoticeSaysWhy() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Rosa"), ROSA);
        assertThat(outcomes.assertRefused(ALICE, messageId, ROSA, "CN-1")).contains("expired").doesNotContain("Rosa");
    }

    @Test
    void cn1ConsentRevokedTodayIsRefused() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Tom"), TOM);
        assertThat(outcomes.assertRefused(ALICE, messageId, TOM, "CN-1")).contains("revoked");
    }

    @Test
    void cn1FormSignedByTheClientOnlyIsRefused() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Ivy"), IVY);
        assertThat(outcomes.assertRefused(ALICE, messageId, IVY, "CN-1")).contains("signed by the worker");
    }

    @Test
    void cn1ProgramThatHasNotApprovedEmailIsRefused() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Omar"), OMAR);
        assertThat(outcomes.assertRefused(ALICE, messageId, OMAR, "CN-1")).contains("program has not approved");
    }

    @Test
    void cn4TheClientsSecondAddressIsRefused() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER, DANA_WORK);
        outcomes.assertRefused(ALICE, messageId, DANA_WORK, "CN-4");
    }

    @Test
    void cn4APlusVariantOfTheConsentedAddressIsRefused() throws Exception {
        String variant = "dana.okafor+clinic@mail.test";
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER, variant);
        outcomes.assertRefused(ALICE, messageId, variant, "CN-4");
    }

    @Test
    void cn3AMinorWithAParentsConsentIsNotMailedDirectlyButTheParentIsEligible() throws Exception {
        String toKid = send("Kai's appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Kai"), KID);
        outcomes.assertRefused(ALICE, toKid, KID, "CN-3");
        String toParent = send("Kai's appointment [purpose: appointment-reminder]", REMINDER.replace("Dana", "Ms. Moss"), PARENT);
        outcomes.assertRefused(ALICE, toParent, PARENT, "ENC-2");
    }

    @Test
    void cn5TwoClientsInToAreBothRefusedWhileTheInternalCopyIsDelivered() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, DANA + ", " + LEE + ", " + BOB, "Group session [purpose: scheduling]",
            "The group session is moved to Thursday at 3 pm. Please let me know if that time works.", messageId), DANA, LEE, BOB);
        String notice = outcomes.assertRefused(ALICE, messageId, DANA, "CN-5");
        assertThat(notice).containsIgnoringCase("Final-Recipient: rfc822; " + LEE);
        outcomes.assertDeliveredInside(BOB, messageId);
    }

    @Test
    void cn5AnotherClientNamedInTheBodyRefusesTheClientRecipient() throws Exception {
        String messageId = send("Scheduling [purpose: scheduling]",
            "Hi Dana, can we move your appointment to Friday at 2 pm? Lee Park asked for your Tuesday slot.", DANA);
        outcomes.assertRefused(ALICE, messageId, DANA, "CN-5");
    }

    @Test
    void cn5AReplyAllThatAddsASecondClientIsRefusedForBoth() throws Exception {
        String original = Messages.uniqueId();
        String raw = "From: " + ALICE + "\r\nTo: " + DANA + "\r\nCc: " + LEE + "\r\nSubject: Re: Scheduling [purpose: scheduling]\r\n"
            + "Message-ID: " + original + "\r\nIn-Reply-To: <earlier@mail.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nFriday at 2 pm works. See you then.\r\n\r\n> Can we meet on Friday?\r\n";
        fixture.mail.send(ALICE, raw, DANA, LEE);
        outcomes.assertRefused(ALICE, original, DANA, "CN-5");
        assertThat(outcomes.awaitNotice(ALICE, original, "refused")).containsIgnoringCase("Final-Recipient: rfc822; " + LEE);
    }

    @Test
    void cn7NoDeclaredPurposeIsRefused() throws Exception {
        String messageId = send("Your appointment", REMINDER, DANA);
        assertThat(outcomes.assertRefused(ALICE, messageId, DANA, "CN-7")).contains("no purpose was declared");
    }

    @Test
    void cn7APurposeNotPermittedForThisClientIsRefused() throws Exception {
        String messageId = send("Follow-up [purpose: factual-information]",
            "As we discussed at your last visit, the clinic's group program meets on Wednesdays.", DANA);
        assertThat(outcomes.assertRefused(ALICE, messageId, DANA, "CN-7")).contains("not permitted for this client");
    }

    @Test
    void cn8ADiagnosisSentenceInsideAPermittedReminderIsRefused() throws Exception {
        String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER
            + " Based on your symptoms I believe you have major depressive disorder, and we should increase your sertraline dose.", DANA);
        assertThat(outcomes.assertRefused(ALICE, messageId, DANA, "CN-8")).doesNotContain("sertraline");
    }

    @Test
    void cn9ServingARecordsRequestByEmailIsRefused() throws Exception {
        String messageId = send("Your records [purpose: factual-information]",
            "Hi Dana, as you requested, attached is a copy of your medical records and the accounting of disclosures.", DANA);
        outcomes.assertRefused(ALICE, messageId, DANA, "CN-9");
    }

    @Test
    void cn8MailForwardedToAClientIsJudgedOnItsContentWhereItReallyGoes() throws Exception {
        // James's RecipientRewriteTable re-sends mail for a forward outside through the root processor, so the
        // forwarded copy is classified and labelled for the client it now goes to (and refused for its content).
        fixture.admin().put("/address/forwards/" + BOB + "/targets/" + DANA).then().statusCode(204);
        try {
            String messageId = send("Your appointment [purpose: appointment-reminder]", REMINDER
                + " Based on your symptoms I believe you have major depressive disorder.", BOB);
            outcomes.assertRefused(ALICE, messageId, DANA, "CN-8");
        } finally {
            fixture.admin().delete("/address/forwards/" + BOB + "/targets/" + DANA).then().statusCode(204);
        }
    }
}
