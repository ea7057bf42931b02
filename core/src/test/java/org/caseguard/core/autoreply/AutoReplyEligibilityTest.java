package org.caseguard.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.autoreply.AutoReplyEligibility.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AutoReplyEligibilityTest {
    private static final String CLIENT = "maria@mail.test";

    private static MimeMessage message(String headers) throws Exception {
        String raw = headers + "Subject: hello\r\nMessage-ID: <1@mail.test>\r\n\r\nbody\r\n";
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<Refusal> check(String sender, String headers) throws Exception {
        return AutoReplyEligibility.check(Optional.ofNullable(sender), message(headers));
    }

    @Test
    void aPersonsOrdinaryMailMayBeAnswered() throws Exception {
        assertThat(check(CLIENT, "From: Maria <Maria@Mail.test>\r\nTo: w.jones@agency.example\r\n")).isEmpty();
        assertThat(check(CLIENT, "From: x@other.test\r\nSender: maria@mail.test\r\n")).isEmpty();
        assertThat(check(CLIENT, "From: maria@mail.test\r\nAuto-Submitted: no (written by hand)\r\n")).isEmpty();
    }

    @Test
    void nullEnvelopeSenderIsNeverAnswered() throws Exception {
        assertThat(check(null, "From: maria@mail.test\r\n")).contains(Refusal.NULL_SENDER);
        assertThat(check("", "From: maria@mail.test\r\n")).contains(Refusal.NULL_SENDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mail.test", "postmaster@mail.test", "owner-parents@lists.test",
        "parents-request@lists.test", "parents-owner@lists.test", "parents-bounces@lists.test", "bounces+123@esp.test",
        "noreply@mail.test", "no-reply@mail.test", "No_Reply@mail.test", "do-not-reply@mail.test", "donotreply@mail.test",
        "listserv@lists.test", "majordomo@lists.test"})
    void systemSendersAreNeverAnswered(String sender) throws Exception {
        assertThat(check(sender, "From: " + sender + "\r\n")).contains(Refusal.SYSTEM_SENDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Auto-Submitted: auto-replied\r\n", "Auto-Submitted: auto-generated\r\n",
        "Auto-Submitted: auto-notified; owner-email=\"x@y.test\"\r\n", "X-Autoreply: yes\r\n", "X-Autorespond: vacation\r\n"})
    void automaticMailIsNeverAnswered(String header) throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\n" + header)).contains(Refusal.AUTO_SUBMITTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk", "list", "junk", "Bulk"})
    void bulkPrecedenceIsNeverAnswered(String precedence) throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\nPrecedence: " + precedence + "\r\n")).contains(Refusal.PRECEDENCE);
    }

    @Test
    void firstClassPrecedenceMayBeAnswered() throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\nPrecedence: first-class\r\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"List-Id: <parents.lists.test>", "List-Unsubscribe: <mailto:leave@lists.test>",
        "List-Post: <mailto:parents@lists.test>", "List-Help: <mailto:help@lists.test>"})
    void listMailIsNeverAnswered(String header) throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\n" + header + "\r\n")).contains(Refusal.LIST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"All", "OOF", "AutoReply", "DR, OOF", "NDR,AutoReply"})
    void suppressionRequestsAreHonoured(String value) throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\nX-Auto-Response-Suppress: " + value + "\r\n")).contains(Refusal.SUPPRESSED);
    }

    @Test
    void suppressionOfReceiptsOnlyStillAllowsAReply() throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\nX-Auto-Response-Suppress: DR, RN, NRN\r\n")).isEmpty();
    }

    @Test
    void deliveryAndReadReportsAreNeverAnswered() throws Exception {
        assertThat(check(CLIENT, "From: maria@mail.test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n")).contains(Refusal.REPORT);
        assertThat(check(CLIENT, "From: maria@mail.test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\r\n")).contains(Refusal.REPORT);
    }

    @Test
    void envelopeSenderThatIsNotTheAuthorIsNotAnswered() throws Exception {
        assertThat(check(CLIENT, "From: someone@else.test\r\n")).contains(Refusal.SENDER_MISMATCH);
        assertThat(check(CLIENT, "")).contains(Refusal.SENDER_MISMATCH);
        assertThat(check(CLIENT, "From: not an address at all <<<\r\n")).contains(Refusal.SENDER_MISMATCH);
    }

    @Test
    void reasonsAreWireCodesWithoutTheAddress() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(refusal.wire()).matches("[a-z-]+");
        }
    }
}
