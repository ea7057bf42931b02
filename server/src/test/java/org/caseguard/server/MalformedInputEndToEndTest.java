package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.CLIENT_FAMILY;
import static org.caseguard.server.support.PipelineFixture.CLIENT_GIVEN;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.caseguard.server.support.Messages;
import org.caseguard.server.support.Mime;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * TAG-1 fail closed through the real server: broken and hostile MIME sent by staff to one inside and one outside
 * recipient. Each test asserts what the sender sees (the notice and its rule), what the outside world received
 * (nothing), what the inside recipient got, where held mail is (James WebAdmin, mail repositories), that the
 * server still handles the next ordinary message, and (OPS-1) that caseguard's log lines name rule IDs and opaque
 * keys only: no case number, client name or outside address.
 */
class MalformedInputEndToEndTest {
    /** The repository path as James 3.8.1's MailRepositoriesRoutes expects it: the URL-encoded path, without "file://". */
    static final String UNCLASSIFIABLE_REPOSITORY = "/mailRepositories/"
        + URLEncoder.encode("var/mail/caseguard-unclassifiable/", StandardCharsets.UTF_8);

    @TempDir
    static Path workingDirectory;

    static PipelineFixture fixture;
    static Outcomes outcomes;
    static ListAppender<ILoggingEvent> caseguardLog;
    private static final AtomicInteger RECIPIENTS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        caseguardLog = new ListAppender<>();
        caseguardLog.start();
        ((Logger) LoggerFactory.getLogger("org.caseguard")).addAppender(caseguardLog);
        fixture = PipelineFixture.start(workingDirectory);
        outcomes = new Outcomes(fixture);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        ((Logger) LoggerFactory.getLogger("org.caseguard")).detachAppender(caseguardLog);
    }

    private static String outsider() {
        return "outsider" + RECIPIENTS.incrementAndGet() + "@gmail.test";
    }

    /** OPS-1: nothing caseguard logged so far names the case, the client or an outside address. */
    @AfterEach
    void logsCarryNoContentOrOutsideAddresses() {
        List<String> lines;
        synchronized (caseguardLog) {
            lines = caseguardLog.list.stream().map(MalformedInputEndToEndTest::render).toList();
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line)
            .doesNotContainIgnoringCase(CASE_NUMBER)
            .doesNotContainIgnoringCase("00123")
            .doesNotContainIgnoringCase(CLIENT_FAMILY)
            .doesNotContainIgnoringCase(CLIENT_GIVEN)
            .doesNotContainIgnoringCase("gmail.test"));
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }

    private static List<String> loggedLinesWith(String fragment) {
        synchronized (caseguardLog) {
            return caseguardLog.list.stream().map(MalformedInputEndToEndTest::render).filter(l -> l.contains(fragment)).toList();
        }
    }

    // ---- shared expectations ------------------------------------------------------------------------------------

    /** Held as unclassifiable: one TAG-1 notice naming both recipients, nothing anywhere, the mail in the repository. */
    private static void assertHeldAsUnclassifiable(String messageId, String outside) throws Exception {
        String notice = outcomes.awaitNotice(ALICE, messageId, "refused");
        assertThat(notice)
            .contains("X-Caseguard-Notice: refused; rules=TAG-1")
            .contains("Final-Recipient: rfc822; " + outside)
            .contains("Final-Recipient: rfc822; " + BOB)
            .doesNotContain(CASE_NUMBER)
            .doesNotContain(CLIENT_FAMILY);
        assertThat(fixture.outside.receivedBy(outside)).isEmpty();
        assertThat(fixture.outside.received()).noneMatch(m -> m.raw().contains(messageId));
        assertThat(fixture.mail.inboxMessageIds(BOB)).doesNotContain(messageId);
        assertThat(heldMessageIds()).contains(messageId);
        assertThat(loggedLinesWith("TAG-1")).anyMatch(line -> line.contains("key=") && line.contains("unclassifiable"));
        assertJournaledAsRefusedUnderTag1(outside);
    }

    /** JRN-1: the held message has its one journal entry, and the refusal of every recipient under TAG-1 is recorded. */
    private static void assertJournaledAsRefusedUnderTag1(String outside) {
        String officer = "privacy-officer@agency.example";
        List<String> keys = fixture.as(officer).queryParam("participant", outside).get("/caseguard/journal/messages")
            .then().statusCode(200).extract().jsonPath().getList("key", String.class);
        assertThat(keys).hasSize(1);
        io.restassured.path.json.JsonPath records = fixture.as(officer).get("/caseguard/journal/messages/" + keys.get(0))
            .then().statusCode(200).extract().jsonPath();
        assertThat(records.getList("kind", String.class)).containsExactly("received", "verdicts");
        assertThat(records.getList("[1].fields.recipients.recipient", String.class)).containsExactlyInAnyOrder(BOB, outside);
        assertThat(records.getList("[1].fields.recipients.outcome", String.class)).containsOnly("refuse");
        assertThat(records.getList("[1].fields.recipients.rules.flatten()", String.class)).containsOnly("TAG-1");
        assertThat(records.getList("[1].fields.cases", String.class)).isEmpty();
    }

    /** Classifiable despite the oddity: FW-2 notice for the outside recipient only, FW-1 delivery to Bob. */
    private static void assertRefusedOutsideDeliveredInside(String messageId, String outside) throws Exception {
        String notice = outcomes.assertRefused(ALICE, messageId, outside, "FW-2");
        assertThat(notice).doesNotContain("Final-Recipient: rfc822; " + BOB).doesNotContain(CASE_NUMBER);
        eventually().until(() -> fixture.mail.inboxMessageIds(BOB).contains(messageId));
        assertThat(fixture.outside.received()).noneMatch(m -> m.raw().contains(messageId));
        assertThat(heldMessageIds()).doesNotContain(messageId);
    }

    /** The server is still alive and working: an ordinary message to Bob arrives. */
    private static void assertNextOrdinaryMessageIsDelivered() throws Exception {
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Lunch", "Lunch at noon?", id), BOB);
        eventually().until(() -> fixture.mail.inboxMessageIds(BOB).contains(id));
    }

    /** Message-IDs of the mails held in the unclassifiable repository, through James WebAdmin. */
    private static List<String> heldMessageIds() {
        return heldMails().values().stream()
            .map(raw -> raw.lines().filter(l -> l.regionMatches(true, 0, "Message-ID:", 0, 11)).findFirst().orElse("")
                .substring(Math.min(11, raw.length())).trim())
            .toList();
    }

    /** The mails held in the unclassifiable repository, by repository key, as James WebAdmin gives them. */
    private static java.util.Map<String, String> heldMails() {
        List<String> keys = fixture.admin().urlEncodingEnabled(false)
            .get(UNCLASSIFIABLE_REPOSITORY + "/mails")
            .then().statusCode(200).extract().jsonPath().getList("", String.class);
        java.util.Map<String, String> mails = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            mails.put(key, fixture.admin().urlEncodingEnabled(false).accept("message/rfc822")
                .get(UNCLASSIFIABLE_REPOSITORY + "/mails/" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                .then().statusCode(200).extract().asString());
        }
        return mails;
    }

    private static String caseText() {
        return "Home visit for " + CASE_NUMBER + " with " + CLIENT_GIVEN + " " + CLIENT_FAMILY + " went well.";
    }

    // ---- the inputs ---------------------------------------------------------------------------------------------

    /**
     * A multipart without its closing boundary whose base64 part stops mid-quantum: the base64 cannot be decoded,
     * so the message cannot be read completely: TAG-1, held (a missing end boundary alone is tolerated by the parser).
     */
    @Test
    void tag1TruncatedMultipartCutMidBase64IsHeldAsUnclassifiable() throws Exception {
        String outside = outsider();
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, truncatedMidBase64(outside, id), BOB, outside);

        assertHeldAsUnclassifiable(id, outside);
        assertNextOrdinaryMessageIsDelivered();
    }

    /**
     * The error processor, where James puts mail a mailet failed on: reached here by an administrator's reprocessing
     * of a held mail into it (James WebAdmin). Nothing is delivered, the mail is kept in the error repository, and the
     * refusal of every recipient under TAG-1 is journaled for the same journal entry.
     */
    @Test
    void tag1MailInTheErrorProcessorIsKeptRefusedAndItsRefusalJournaled() throws Exception {
        String outside = outsider();
        String id = Messages.uniqueId();
        fixture.mail.send(ALICE, truncatedMidBase64(outside, id), BOB, outside);
        assertHeldAsUnclassifiable(id, outside);
        String officer = "privacy-officer@agency.example";
        String key = fixture.as(officer).queryParam("participant", outside).get("/caseguard/journal/messages")
            .then().statusCode(200).extract().jsonPath().getString("[0].key");

        fixture.admin().urlEncodingEnabled(false).queryParam("action", "reprocess").queryParam("processor", "error")
            .patch(UNCLASSIFIABLE_REPOSITORY + "/mails/" + URLEncoder.encode(heldMailKey(id), StandardCharsets.UTF_8))
            .then().statusCode(201);

        eventually().until(() -> fixture.as(officer).get("/caseguard/journal/messages/" + key).then().statusCode(200).extract()
            .jsonPath().getList("kind", String.class).size() == 3);
        io.restassured.path.json.JsonPath records = fixture.as(officer).get("/caseguard/journal/messages/" + key)
            .then().statusCode(200).extract().jsonPath();
        assertThat(records.getList("kind", String.class)).containsExactly("received", "verdicts", "verdicts");
        assertThat(records.getList("[2].fields.recipients.recipient", String.class)).containsExactlyInAnyOrder(BOB, outside);
        assertThat(records.getList("[2].fields.recipients.outcome", String.class)).containsOnly("refuse");
        assertThat(records.getList("[2].fields.recipients.rules.flatten()", String.class)).containsOnly("TAG-1");
        String errorRepository = "/mailRepositories/" + URLEncoder.encode("var/mail/error/", StandardCharsets.UTF_8);
        eventually().until(() -> fixture.admin().urlEncodingEnabled(false).get(errorRepository + "/mails")
            .then().statusCode(200).extract().jsonPath().getList("", String.class).size() >= 1);
        assertThat(fixture.outside.receivedBy(outside)).isEmpty();
        assertThat(fixture.mail.inboxMessageIds(BOB)).doesNotContain(id);
    }

    /** The repository key of the held mail with this Message-ID. */
    private static String heldMailKey(String messageId) {
        return heldMails().entrySet().stream().filter(mail -> mail.getValue().contains(messageId)).map(java.util.Map.Entry::getKey)
            .findFirst().orElseThrow();
    }

    private static String truncatedMidBase64(String outside, String id) {
        String boundary = Mime.boundary();
        String base64 = Mime.base64Lines(("Attachment text about " + CASE_NUMBER + ". ").repeat(40));
        String cut = base64.substring(0, base64.length() / 2);
        while (cut.replace("\r\n", "").length() % 4 != 2) { // end mid-quantum: two of four base64 characters
            cut = cut.substring(0, cut.length() - 1);
        }
        return Mime.header(ALICE, BOB + ", " + outside, "Notes", id)
            + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
            + "--" + boundary + "\r\n"
            + Mime.part("text/plain; charset=UTF-8", "7bit", null, "See attachment.") + "\r\n"
            + "--" + boundary + "\r\n"
            + Mime.part("text/plain; charset=UTF-8; name=\"notes.txt\"", "base64",
                "Content-Disposition: attachment; filename=\"notes.txt\"\r\n", cut);
    }

    /** An unknown charset is read leniently (UTF-8, else ISO-8859-1): the case number is found, so FW-2, not TAG-1. */
    @Test
    void fw2UnknownCharsetIsStillReadAndRefusedOutside() throws Exception {
        String outside = outsider();
        String id = Messages.uniqueId();
        String raw = Mime.single(ALICE, BOB + ", " + outside, "Notes", id, "text/plain; charset=x-unknown-9", "8bit", caseText());
        fixture.mail.send(ALICE, raw, BOB, outside);

        assertRefusedOutsideDeliveredInside(id, outside);
        assertNextOrdinaryMessageIsDelivered();
    }

    /**
     * A 20 MB random binary attachment is not a document type: it is skipped, the text part is read, so the case
     * number gives FW-2 for the outside recipient and Bob gets the mail (FW-1); nothing held.
     */
    @Test
    void tag1TwentyMegabytesOfRandomBytesWithAnOutsideRecipientAreHeld() throws Exception {
        String outside = outsider();
        String id = Messages.uniqueId();
        byte[] junk = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(junk);
        String raw = Mime.multipart(ALICE, BOB + ", " + outside, "Scans", id,
            Mime.part("text/plain; charset=UTF-8", "7bit", null, "scans attached"),
            Mime.attachment("application/octet-stream", "scan.bin", junk));
        fixture.mail.send(ALICE, raw, BOB, outside);

        assertHeldAsUnclassifiable(id, outside);
        assertNextOrdinaryMessageIsDelivered();
    }

    /** The same unreadable attachment to staff only is delivered: nothing leaves the agency. */
    @Test
    void tag1UnreadableAttachmentToInternalRecipientsOnlyIsDelivered() throws Exception {
        String id = Messages.uniqueId();
        byte[] junk = new byte[64 * 1024];
        new Random(43).nextBytes(junk);
        String raw = Mime.multipart(ALICE, BOB, "Scans", id,
            Mime.part("text/plain; charset=UTF-8", "7bit", null, "scans attached"),
            Mime.attachment("application/octet-stream", "scan.bin", junk));
        fixture.mail.send(ALICE, raw, BOB);

        eventually().until(() -> fixture.mail.inboxMessageIds(BOB).contains(id));
        assertThat(heldMessageIds()).doesNotContain(id);
    }

    /** 100 nested message/rfc822 parts exceed maxDepth (32): the innermost text is never read, so TAG-1, held. */
    @Test
    void tag1HundredLevelNestedMessageIsHeldAsUnclassifiable() throws Exception {
        String outside = outsider();
        String id = Messages.uniqueId();
        String inner = Messages.plain(BOB, ALICE, "Visit", caseText());
        for (int level = 0; level < 99; level++) {
            inner = "From: " + ALICE + "\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" + inner;
        }
        String raw = Mime.single(ALICE, BOB + ", " + outside, "Fwd", id, "message/rfc822", "7bit", inner);
        fixture.mail.send(ALICE, raw, BOB, outside);

        assertHeldAsUnclassifiable(id, outside);
        assertNextOrdinaryMessageIsDelivered();
    }
}
