package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;
import static org.caseguard.server.support.PipelineFixture.CASE_NUMBER;
import static org.caseguard.server.support.PipelineFixture.CLIENT_FAMILY;
import static org.caseguard.server.support.PipelineFixture.CLIENT_GIVEN;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.nio.file.Files;
import java.util.List;
import java.util.function.UnaryOperator;

import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** NTC-1: the shipped {@code noticeSender} parameter, set by an administrator, and refused when it is not an address. */
class NoticeSenderEndToEndTest {
    private static final String DESK = "privacy-desk@agency.example";

    /** Sets every shipped {@code noticeSender} (each mailet that writes notices) to {@code value}. */
    static UnaryOperator<String> noticeSender(String value) {
        return xml -> {
            if (!xml.contains("<noticeSender></noticeSender>")) {
                throw new IllegalStateException("shipped mailetcontainer.xml has no <noticeSender></noticeSender>");
            }
            return xml.replace("<noticeSender></noticeSender>", "<noticeSender>" + value + "</noticeSender>");
        };
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Configured {
        PipelineFixture fixture;

        @BeforeAll
        void start() throws Exception {
            fixture = PipelineFixture.start(Files.createTempDirectory("caseguard-notice-sender"), noticeSender(DESK));
        }

        @AfterAll
        void stop() {
            fixture.close();
        }

        @Test
        void ntc1RefusalAndTag3WarningComeFromTheConfiguredSender() throws Exception {
            fixture.mail.send(ALICE, Messages.plain(ALICE, "friend@gmail.test", "Update", "Notes for " + CASE_NUMBER), "friend@gmail.test");
            fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, CLIENT_GIVEN + " " + CLIENT_FAMILY + " visit", "See notes."), BOB);

            eventually().until(() -> fixture.notices(ALICE).size() >= 2);
            List<String> notices = fixture.notices(ALICE);
            assertThat(notices).hasSize(2).allSatisfy(notice -> assertThat(notice).contains("From: " + DESK)
                .doesNotContain("postmaster@"));
            assertThat(notices).anySatisfy(notice -> assertThat(notice).contains("X-Caseguard-Notice: refused; rules=FW-2"));
            assertThat(notices).anySatisfy(notice -> assertThat(notice).contains("X-Caseguard-Notice: warning; rules=TAG-3"));
        }
    }

    @Test
    void aNoticeSenderThatIsNotAnAddressStopsStartupNamingTheParameter() {
        assertThatThrownBy(() -> PipelineFixture.start(Files.createTempDirectory("caseguard-bad-notice-sender"), noticeSender("postmaster")))
            .hasStackTraceContaining("parameter 'noticeSender' must be an email address with a domain")
            .hasStackTraceContaining("got 'postmaster'");
    }
}
