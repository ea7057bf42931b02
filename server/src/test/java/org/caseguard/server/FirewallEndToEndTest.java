package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.CLIENT_FAMILY;
import static org.caseguard.server.support.PipelineFixture.CLIENT_GIVEN;
import static org.caseguard.server.support.PipelineFixture.OTHER_CASE;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.nio.file.Path;
import java.util.List;

import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FW, TAG-2 and NTC-1 through the real server: staff send over SMTP submission, read over IMAP; the outside is a real SMTP server. */
class FirewallEndToEndTest {
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

    @BeforeEach
    void clearOutside() {
        fixture.outside.clear();
    }

    private int noticesOf(String user) throws Exception {
        return fixture.notices(user).size();
    }

    private String awaitNewNotice(String user, int before) {
        java.util.concurrent.atomic.AtomicReference<String> newest = new java.util.concurrent.atomic.AtomicReference<>();
        eventually().until(() -> {
            List<String> notices = fixture.notices(user);
            if (notices.size() > before) {
                newest.set(notices.get(notices.size() - 1));
                return true;
            }
            return false;
        });
        return newest.get();
    }

    @Test
    void fw1CaseMailToInternalRecipientIsDeliveredWithClassificationHeader() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Visit notes", "Home visit for case " + CASE_NUMBER + " went well.", messageId), BOB);

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        String delivered = fixture.delivered(BOB, messageId).orElseThrow();
        assertThat(delivered).contains("X-Caseguard-Sensitivity: case").contains("X-Caseguard-Rules: FW-1");
        assertThat(delivered).doesNotContain("X-Caseguard-Rules: FW-1, ").doesNotContainPattern("X-Caseguard-[A-Za-z-]+: .*" + CASE_NUMBER);
    }

    @Test
    void fw2CaseMailToOutsideRecipientIsRefusedWithOneNoticeThatRepeatsNoContent() throws Exception {
        int before = noticesOf(ALICE);
        fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", "Update",
                "Case " + CASE_NUMBER + " court date moved for " + CLIENT_GIVEN + " " + CLIENT_FAMILY + "."),
            "friend@gmail.test");

        String notice = awaitNewNotice(ALICE, before);
        assertThat(notice)
            .contains("multipart/report")
            .contains("report-type=delivery-status")
            .contains("Final-Recipient: rfc822; friend@gmail.test")
            .contains("Status: 5.7.1")
            .contains("FW-2")
            .doesNotContain(CASE_NUMBER)
            .doesNotContain(CLIENT_FAMILY)
            .doesNotContain("court date");
        assertThat(fixture.outside.receivedBy("friend@gmail.test")).isEmpty();
    }

    @Test
    void ntc1NoticesComeFromThePostmasterOfTheAgencyNotOfLocalhost() throws Exception {
        int before = noticesOf(ALICE);
        fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", "Update", "Notes for " + CASE_NUMBER), "friend@gmail.test");

        String notice = awaitNewNotice(ALICE, before);
        assertThat(notice).contains("From: postmaster@agency.example").contains("Reporting-MTA: dns; agency.example")
            .doesNotContain("postmaster@localhost");
    }

    /** A quoted local part holding an @: the address is at evil.test, whatever its local part says. */
    private static final String QUOTED_AT = "\"x@agency.example\"@evil.test";

    private static boolean inErrorRepository(String messageId) throws Exception {
        Path errors = workingDirectory.resolve("var/mail/error");
        if (!java.nio.file.Files.isDirectory(errors)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(errors)) {
            return files.filter(java.nio.file.Files::isRegularFile).anyMatch(file -> {
                try {
                    return new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(messageId);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void fw2QuotedLocalPartHoldingAnAtIsAnOutsideRecipientRefusedWithOneNoticeWhileTheInternalOneGetsTheMail() throws Exception {
        int before = noticesOf(ALICE);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB + ", " + QUOTED_AT, "Case review", "Notes for " + CASE_NUMBER, messageId),
            BOB, QUOTED_AT);

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        String notice = awaitNewNotice(ALICE, before);
        assertThat(notice).contains("X-Caseguard-Notice: refused; rules=FW-2")
            .contains("Final-Recipient: rfc822; " + QUOTED_AT)
            .contains("X-Caseguard-Rule: FW-2")
            .doesNotContain("Final-Recipient: rfc822; " + BOB)
            .doesNotContain(CASE_NUMBER);
        Thread.sleep(1500);
        assertThat(noticesOf(ALICE)).isEqualTo(before + 1);
        assertThat(fixture.outside.received()).isEmpty();
        assertThat(inErrorRepository(messageId)).isFalse();
    }

    @Test
    void quotedLocalPartHoldingAnAtGetsOrdinaryMailLikeAnyOutsideAddress() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, QUOTED_AT, "Toner order", "Please send two cartridges.", messageId), QUOTED_AT);

        eventually().until(() -> fixture.outside.received().stream().anyMatch(m -> m.raw().contains(messageId)));
        List<org.caseguard.server.support.OutsideWorld.Received> copies = fixture.outside.received().stream()
            .filter(m -> m.raw().contains(messageId)).toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).envelopeRecipient()).isEqualTo(QUOTED_AT);
        assertThat(copies.get(0).raw()).doesNotContain("X-Caseguard-");
        assertThat(inErrorRepository(messageId)).isFalse();
    }

    @Test
    void ordinaryMailToOutsideIsDeliveredWithoutClassificationHeaders() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "vendor@supplies.test", "Toner order", "Please send two cartridges.", messageId),
            "vendor@supplies.test");

        eventually().until(() -> !fixture.outside.receivedBy("vendor@supplies.test").isEmpty());
        assertThat(fixture.outside.receivedBy("vendor@supplies.test").get(0).raw())
            .contains(messageId)
            .doesNotContain("X-Caseguard-");
    }

    @Test
    void fw2MixedRecipientsInternalDeliveredExternalRefusedExactlyOneNotice() throws Exception {
        int before = noticesOf(ALICE);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB + ", out1@gmail.test, out2@yahoo.test", "Case review",
            "Notes for " + CASE_NUMBER, messageId), BOB, "out1@gmail.test", "out2@yahoo.test");

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        String notice = awaitNewNotice(ALICE, before);
        assertThat(notice).contains("out1@gmail.test").contains("out2@yahoo.test").doesNotContain("Final-Recipient: rfc822; " + BOB);
        Thread.sleep(1000);
        assertThat(noticesOf(ALICE)).isEqualTo(before + 1);
        assertThat(fixture.outside.received()).isEmpty();
    }

    @Test
    void fw2BccRecipientOutsideIsRefusedAndNeverSeesTheMail() throws Exception {
        int before = noticesOf(ALICE);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Case review", "Notes for " + CASE_NUMBER, messageId), BOB, "hidden@gmail.test");

        awaitNewNotice(ALICE, before);
        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        assertThat(fixture.outside.receivedBy("hidden@gmail.test")).isEmpty();
    }

    @Test
    void fw3GlobalAllowListLetsCaseMailOut() throws Exception {
        fixture.admin().body("{\"reason\":\"Ombudsman\"}").put("/caseguard/allow-list/ombudsman@ombuds.test").then().statusCode(204);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "ombudsman@ombuds.test", "Complaint", "About case " + CASE_NUMBER, messageId),
            "ombudsman@ombuds.test");

        eventually().until(() -> !fixture.outside.receivedBy("ombudsman@ombuds.test").isEmpty());
        assertThat(fixture.outside.receivedBy("ombudsman@ombuds.test").get(0).raw()).contains(messageId).doesNotContain("X-Caseguard-");
    }

    @Test
    void fw3CaseScopedAllowListCoversItsCaseOnly() throws Exception {
        fixture.admin().body("{\"reason\":\"GAL appointed\"}").put("/caseguard/cases/" + CASE_NUMBER + "/allow-list/gal@law.test")
            .then().statusCode(204);
        String inScope = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "gal@law.test", "Hearing", "Hearing for " + CASE_NUMBER, inScope), "gal@law.test");
        eventually().until(() -> fixture.outside.receivedBy("gal@law.test").stream().anyMatch(m -> m.raw().contains(inScope)));

        int before = noticesOf(ALICE);
        String outOfScope = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "gal@law.test", "Hearing", "Hearing for " + OTHER_CASE, outOfScope), "gal@law.test");
        String notice = awaitNewNotice(ALICE, before);
        assertThat(notice).contains("FW-2");
        assertThat(fixture.outside.receivedBy("gal@law.test")).noneMatch(m -> m.raw().contains(outOfScope));
    }

    @Test
    void fw6CaseMailFromOutsideIsDeliveredToStaff() throws Exception {
        String messageId = Messages.uniqueId();
        fixture.mail.sendFromOutside("attorney@law.test",
            Messages.plain("attorney@law.test", BOB, "Re: case " + CASE_NUMBER, "My client asks about " + CLIENT_GIVEN + " " + CLIENT_FAMILY, messageId),
            BOB);

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        assertThat(fixture.delivered(BOB, messageId).orElseThrow())
            .contains("X-Caseguard-Rules: FW-6");
    }

    @Test
    void tag2ForgedClassificationHeadersFromOutsideAreReplaced() throws Exception {
        String token = java.util.UUID.randomUUID().toString();
        fixture.mail.sendFromOutside("someone@else.test", Messages.withHeaders("someone@else.test", BOB,
            "Subject: hello " + token + "\r\nX-Caseguard-Sensitivity: none\r\nX-Caseguard-Rules: FW-3\r\n", "text/plain; charset=UTF-8", null,
            "Just saying hello"), BOB);

        eventually().until(() -> !fixture.mail.withHeader(BOB, "Subject", token).isEmpty());
        String delivered = fixture.mail.withHeader(BOB, "Subject", token).get(0);
        assertThat(delivered).doesNotContain("X-Caseguard-Rules: FW-3").contains("X-Caseguard-Sensitivity: none");
    }

    @Test
    void tag3ClientFullNameInSubjectWarnsSenderAndDelivers() throws Exception {
        int before = noticesOf(ALICE);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, CLIENT_GIVEN + " " + CLIENT_FAMILY + " visit", "See notes.", messageId), BOB);

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        String warning = awaitNewNotice(ALICE, before);
        assertThat(warning).contains("TAG-3").doesNotContain(CLIENT_FAMILY);
    }

    @Test
    void tag3AndFw2WhenNoRecipientReceivesTheMailTheSenderGetsOneRefusalThatNeverSaysDelivered() throws Exception {
        int before = noticesOf(ALICE);
        fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", CLIENT_GIVEN + " " + CLIENT_FAMILY + " visit",
            "Notes for " + CASE_NUMBER), "friend@gmail.test");

        String notice = awaitNewNotice(ALICE, before);
        Thread.sleep(2000);
        assertThat(noticesOf(ALICE)).isEqualTo(before + 1);
        assertThat(notice)
            .contains("X-Caseguard-Notice: refused; rules=FW-2,TAG-3")
            .contains("Your message was not delivered")
            .contains("Final-Recipient: rfc822; friend@gmail.test")
            .contains("initials or the case number")
            .doesNotContain("Your message was delivered")
            .doesNotContain("Delivered to")
            .doesNotContain(CLIENT_FAMILY);
        assertThat(fixture.outside.receivedBy("friend@gmail.test")).isEmpty();
    }

    @Test
    void tag3AndFw2WhenSomeRecipientsReceiveTheMailTheWarningSpeaksOnlyOfThem() throws Exception {
        int before = noticesOf(ALICE);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, BOB + ", friend@gmail.test", CLIENT_GIVEN + " " + CLIENT_FAMILY + " visit",
            "Notes for " + CASE_NUMBER, messageId), BOB, "friend@gmail.test");

        eventually().until(() -> fixture.delivered(BOB, messageId).isPresent());
        eventually().until(() -> noticesOf(ALICE) >= before + 2);
        Thread.sleep(2000);
        List<String> notices = fixture.notices(ALICE);
        assertThat(notices).hasSize(before + 2);
        List<String> fresh = notices.subList(before, notices.size());
        String warning = fresh.stream().filter(n -> n.contains("X-Caseguard-Notice: warning; rules=TAG-3")).findFirst().orElseThrow();
        String refusal = fresh.stream().filter(n -> n.contains("X-Caseguard-Notice: refused; rules=FW-2")).findFirst().orElseThrow();
        assertThat(warning).contains("Your message was delivered, but").contains("Delivered to").contains(BOB)
            .doesNotContain("friend@gmail.test").doesNotContain(CLIENT_FAMILY);
        assertThat(refusal).contains("Final-Recipient: rfc822; friend@gmail.test").doesNotContain("Your message was delivered")
            .doesNotContain("Final-Recipient: rfc822; " + BOB).doesNotContain(CLIENT_FAMILY);
        assertThat(fixture.outside.receivedBy("friend@gmail.test")).isEmpty();
    }

    @Test
    void tag4ExplicitMarkMakesMailCaseMailAndIsRefusedOutside() throws Exception {
        int before = noticesOf(ALICE);
        fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", "[secure] Lunch", "Nothing sensitive here."), "friend@gmail.test");
        assertThat(awaitNewNotice(ALICE, before)).contains("FW-2");
        assertThat(fixture.outside.receivedBy("friend@gmail.test")).isEmpty();
    }

    @Test
    void tag4MarksAreStrippedFromTheSubjectOfMailAllowedOut() throws Exception {
        fixture.admin().body("{\"reason\":\"Ombudsman\"}").put("/caseguard/allow-list/ombuds2@ombuds.test").then().statusCode(204);
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, "ombuds2@ombuds.test", "[case 2024-CW-00123] Complaint follow-up", "See attached.", messageId),
            "ombuds2@ombuds.test");
        eventually().until(() -> fixture.outside.receivedBy("ombuds2@ombuds.test").stream().anyMatch(m -> m.raw().contains(messageId)));
        assertThat(fixture.outside.receivedBy("ombuds2@ombuds.test").get(0).raw())
            .contains("Subject: Complaint follow-up").doesNotContain("[case");
    }

    @Test
    void fw2StaffForwardToAPersonalAddressOutsideDoesNotCarryCaseMailOut() throws Exception {
        fixture.admin().put("/address/forwards/" + BOB + "/targets/bob.personal@gmail.test").then().statusCode(204);
        try {
            int before = noticesOf(ALICE);
            String messageId = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "Case review", "Notes for " + CASE_NUMBER, messageId), BOB);

            assertThat(awaitNewNotice(ALICE, before)).contains("bob.personal@gmail.test").contains("FW-2");
            assertThat(fixture.outside.receivedBy("bob.personal@gmail.test")).isEmpty();
        } finally {
            fixture.admin().delete("/address/forwards/" + BOB + "/targets/bob.personal@gmail.test").then().statusCode(204);
        }
    }
}
