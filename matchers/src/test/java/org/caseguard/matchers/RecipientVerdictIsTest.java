package org.caseguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class RecipientVerdictIsTest {
    private static RecipientVerdictIs matcher(String condition) throws MessagingException {
        RecipientVerdictIs matcher = new RecipientVerdictIs();
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientVerdictIs").condition(condition).build());
        return matcher;
    }

    private static FakeMail mailWithVerdicts() throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").recipients("bob@agency.example", "x@gmail.test", "y@gmail.test", "late@gmail.test").build();
        CaseguardAttributes.setVerdicts(mail, Map.of("bob@agency.example", "FW-1:deliver", "x@gmail.test", "FW-2:refuse",
            "y@gmail.test", "FW-2:audit"));
        return mail;
    }

    @Test
    void refuseMatchesRefusedRecipientsAndThoseWithoutVerdict() throws Exception {
        assertThat(matcher("refuse").match(mailWithVerdicts()))
            .containsExactlyInAnyOrder(new MailAddress("x@gmail.test"), new MailAddress("late@gmail.test"));
    }

    @Test
    void deliverAndAuditMatchTheirOwn() throws Exception {
        assertThat(matcher("deliver").match(mailWithVerdicts())).containsExactly(new MailAddress("bob@agency.example"));
        assertThat(matcher("AUDIT").match(mailWithVerdicts())).containsExactly(new MailAddress("y@gmail.test"));
    }

    @Test
    void initShouldThrowWhenConditionIsNotAnOutcome() {
        assertThatThrownBy(() -> matcher("reject")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("deliver, refuse, audit").hasMessageContaining("'reject'");
        assertThatThrownBy(() -> matcher(null)).isInstanceOf(MessagingException.class);
    }
}
