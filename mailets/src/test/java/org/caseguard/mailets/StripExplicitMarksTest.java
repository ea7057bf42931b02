package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class StripExplicitMarksTest {
    private static StripExplicitMarks mailet(String... parameters) throws MessagingException {
        StripExplicitMarks mailet = new StripExplicitMarks();
        mailet.init(MailetConfigs.of("StripExplicitMarks", parameters));
        return mailet;
    }

    @Test
    void tag4RemovesSubjectTokensAndTheMarkHeader() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("bob@agency.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("[case 2024-CW-00123] [SECURE] Court date").setText("x")
                .addHeader("X-Caseguard-Mark", "case"))
            .build();
        mailet().service(mail);
        assertThat(mail.getMessage().getSubject()).isEqualTo("Court date");
        assertThat(mail.getMessage().getHeader("X-Caseguard-Mark")).isNull();
    }

    @Test
    void subjectWithoutMarksIsUntouched() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("bob@agency.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Lunch [Friday]").setText("x")).build();
        mailet().service(mail);
        assertThat(mail.getMessage().getSubject()).isEqualTo("Lunch [Friday]");
    }

    @Test
    void initShouldThrowWhenParameterIsUnknown() {
        assertThatThrownBy(() -> mailet("tokens", "[x]")).hasMessageContaining("'tokens'");
    }

    @Test
    void initShouldThrowWhenMarkTokenIsOnlyAWildcard() {
        assertThatThrownBy(() -> mailet("markTokens", "*")).hasMessageContaining("markTokens");
    }
}
