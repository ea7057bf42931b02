package org.caseguard.server.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import io.restassured.specification.RequestSpecification;

/**
 * JRN-1 across the end-to-end tests: every message a test handed to the server has exactly one "received" record in
 * the journal, with its envelope as sent (MAIL FROM and every RCPT TO, Bcc included), read through the WebAdmin
 * journal routes as a privacy officer would.
 */
public final class JournalAudit {
    /** Who the audit reads the journal as; the caller authenticates as this person. */
    public static final String ACTOR = "journal-audit@test";

    private JournalAudit() {
    }

    /** The received records, as (Message-ID, MAIL FROM, RCPT TO) triples, one per journaled message. */
    public static List<StaffMail.Sent> receivedRecords(RequestSpecification webAdmin) throws Exception {
        List<StaffMail.Sent> found = new ArrayList<>();
        List<Map<String, Object>> messages = given().spec(webAdmin)
            .queryParam("limit", 1000).get("/caseguard/journal/messages").then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> message : messages) {
            if (message.containsKey("original")) {
                continue;
            }
            String key = (String) message.get("key");
            List<Map<String, Object>> records = given().spec(webAdmin)
                .get("/caseguard/journal/messages/" + key).then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, Object> received = records.stream().filter(record -> "received".equals(record.get("kind"))).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) received.get("fields");
            byte[] content = given().spec(webAdmin)
                .get("/caseguard/journal/messages/" + key + "/content").then().statusCode(200).extract().asByteArray();
            String messageId = new MimeMessage((Session) null, new ByteArrayInputStream(content)).getMessageID();
            @SuppressWarnings("unchecked")
            List<String> recipients = (List<String>) fields.get("rcptTo");
            found.add(new StaffMail.Sent(messageId, (String) fields.get("mailFrom"), recipients));
        }
        return found;
    }

    /** James lower-cases the domain of envelope addresses on receipt (MailAddress); the local part stays as sent. */
    private static StaffMail.Sent normalised(StaffMail.Sent message) {
        return new StaffMail.Sent(message.messageId(), domainLowerCase(message.envelopeSender()),
            message.envelopeRecipients().stream().map(JournalAudit::domainLowerCase).toList());
    }

    private static String domainLowerCase(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + address.substring(at).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Fails naming the first sent message not journaled exactly once with its envelope, or, for a message the test
     * disposed of (JRN-6), still found.
     */
    public static void assertEachSentMessageJournaledOnce(RequestSpecification webAdmin, List<StaffMail.Sent> sent,
                                                         java.util.Set<String> disposedMessageIds) throws Exception {
        List<StaffMail.Sent> records = receivedRecords(webAdmin).stream().map(JournalAudit::normalised).toList();
        for (StaffMail.Sent message : sent.stream().map(JournalAudit::normalised).toList()) {
            long matches = records.stream().filter(record -> record.equals(message)).count();
            long expected = disposedMessageIds.contains(message.messageId()) ? 0 : 1;
            if (matches != expected) {
                throw new AssertionError("JRN-1: message " + message.messageId() + " sent with envelope " + message.envelopeSender() + " -> "
                    + message.envelopeRecipients() + " has " + matches + " matching journal records; records with that Message-ID: "
                    + records.stream().filter(record -> record.messageId().equals(message.messageId())).toList());
            }
        }
    }
}
