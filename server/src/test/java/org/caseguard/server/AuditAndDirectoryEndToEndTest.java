package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.CLIENT_FAMILY;
import static org.caseguard.server.support.PipelineFixture.CLIENT_GIVEN;

import java.nio.file.Files;
import java.util.function.UnaryOperator;

import org.caseguard.server.support.Messages;
import org.caseguard.server.support.Outcomes;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * NTC-2 audit mode, FW-4 directory categories and TAG-3 block, each on a server whose shipped mailetcontainer.xml
 * was edited the way an administrator would edit it. One server per nested class.
 */
class AuditAndDirectoryEndToEndTest {

    /** Replaces {@code from} by {@code to} in the installed mailetcontainer.xml; fails if the shipped file lacks it. */
    static UnaryOperator<String> edit(String from, String to) {
        return xml -> {
            if (!xml.contains(from)) {
                throw new IllegalStateException("shipped mailetcontainer.xml has no " + from);
            }
            return xml.replace(from, to);
        };
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AuditFw2AndDeniedBirthParents {
        PipelineFixture fixture;
        Outcomes outcomes;

        @BeforeAll
        void start() throws Exception {
            fixture = PipelineFixture.start(Files.createTempDirectory("caseguard-audit"),
                edit("<mode.FW-2>on</mode.FW-2>", "<mode.FW-2>audit</mode.FW-2>"),
                edit("<deniedCategories></deniedCategories>", "<deniedCategories>birth-parent</deniedCategories>"),
                edit("<notifyExternalSender>false</notifyExternalSender>", "<notifyExternalSender>true</notifyExternalSender>"));
            outcomes = new Outcomes(fixture);
        }

        @AfterAll
        void stop() {
            fixture.close();
        }

        @Test
        void fw6CaseMailFromOutsideIsDeliveredAndTheOutsideSenderIsAdvisedWithoutCaseContent() throws Exception {
            String id = Messages.uniqueId();
            fixture.mail.sendFromOutside("attorney@law.test", Messages.plain("attorney@law.test", BOB, "Re: " + CASE_NUMBER,
                "My client asks about " + CLIENT_GIVEN + " " + CLIENT_FAMILY, id), BOB);

            PipelineFixture.eventually().until(() -> fixture.delivered(BOB, id).isPresent());
            PipelineFixture.eventually().until(() -> !fixture.outside.receivedBy("attorney@law.test").isEmpty());
            String advice = fixture.outside.receivedBy("attorney@law.test").get(0).raw();
            assertThat(advice).contains("Auto-Submitted: auto-replied").contains("In-Reply-To: " + id)
                .doesNotContain(CASE_NUMBER).doesNotContain(CLIENT_FAMILY).doesNotContain("X-Caseguard-");
            assertThat(fixture.outside.receivedBy("attorney@law.test").get(0).envelopeSender()).isNullOrEmpty();
        }

        @Test
        void ntc2AuditModeFw2CaseMailIsDeliveredOutsideWithoutNotice() throws Exception {
            String to = "friend@gmail.test";
            String id = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, to, "Update", "Court date for " + CASE_NUMBER + " moved.", id), to);

            outcomes.assertDeliveredOutside(to, id);
            // a notice would have been sent before the mail was split off for remote delivery; give it time anyway
            Thread.sleep(1500);
            assertThat(fixture.notices(ALICE)).noneMatch(notice -> notice.contains(id));
        }

        @Test
        void fw4DeniedCategoryPartyGetsNonCaseMailRefused() throws Exception {
            String parent = "parent@home.test";
            fixture.admin().body("{\"category\":\"birth-parent\",\"displayName\":\"Birth parent\"}")
                .put("/caseguard/parties/" + parent).then().statusCode(204);
            String id = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, parent, "Schedule", "The office is closed on Friday.", id), parent);

            String notice = outcomes.assertRefused(ALICE, id, parent, "FW-4");
            assertThat(notice).doesNotContain("closed on Friday");
        }

        @Test
        void fw4UnknownCategoryIsRejectedWith400NamingCategory() {
            String body = fixture.admin().body("{\"category\":\"neighbour\"}")
                .put("/caseguard/parties/someone@home.test").then().statusCode(400).extract().asString();
            assertThat(body).contains("category");
            fixture.admin().get("/caseguard/parties/someone@home.test").then().statusCode(404);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SubjectNameBlock {
        PipelineFixture fixture;
        Outcomes outcomes;

        @BeforeAll
        void start() throws Exception {
            fixture = PipelineFixture.start(Files.createTempDirectory("caseguard-block"),
                edit("<subjectNameAction>warn</subjectNameAction>", "<subjectNameAction>block</subjectNameAction>"));
            outcomes = new Outcomes(fixture);
        }

        @AfterAll
        void stop() {
            fixture.close();
        }

        @Test
        void tag3BlockClientFullNameInSubjectRefusesEvenInternalRecipient() throws Exception {
            String id = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, CLIENT_GIVEN + " " + CLIENT_FAMILY + " visit", "See notes.", id), BOB);

            String notice = outcomes.awaitNotice(ALICE, id, "refused");
            assertThat(notice)
                .contains("X-Caseguard-Notice: refused; rules=TAG-3")
                .contains("Final-Recipient: rfc822; " + BOB)
                .doesNotContain(CLIENT_FAMILY);
            Thread.sleep(1000);
            assertThat(fixture.mail.inboxMessageIds(BOB)).doesNotContain(id);
        }

        @Test
        void tag3BlockInitialsAndCaseNumberInSubjectAreStillDeliveredInternally() throws Exception {
            String id = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, "M.L. visit, " + CASE_NUMBER, "See notes.", id), BOB);
            outcomes.assertDeliveredInside(BOB, id);
        }
    }
}
