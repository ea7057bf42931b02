package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.Sensitivity;
import org.caseguard.matchers.CaseguardAttributes;
import org.junit.jupiter.api.Test;

/** TAG-2: classification headers for internal recipients only, removed before anything leaves. */
class HeaderMailetsTest {
    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder().name("m").recipients("bob@agency.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x")
                .addHeader("X-Caseguard-Sensitivity", "none").addHeader("X-Caseguard-Mark", "case").addHeader("X-Other", "kept"))
            .build();
    }

    private static StripClassificationHeaders strip(String... parameters) throws MessagingException {
        StripClassificationHeaders mailet = new StripClassificationHeaders();
        mailet.init(MailetConfigs.of("StripClassificationHeaders", parameters));
        return mailet;
    }

    @Test
    void prefixRemovesEveryCaseguardHeaderAndKeepsOthers() throws Exception {
        FakeMail mail = mail();
        strip().service(mail);
        assertThat(mail.getMessage().getHeader("X-Caseguard-Sensitivity")).isNull();
        assertThat(mail.getMessage().getHeader("X-Caseguard-Mark")).isNull();
        assertThat(mail.getMessage().getHeader("X-Other")).containsExactly("kept");
    }

    @Test
    void exactNamesRemoveOnlyThose() throws Exception {
        FakeMail mail = mail();
        strip("headers", "x-caseguard-sensitivity").service(mail);
        assertThat(mail.getMessage().getHeader("X-Caseguard-Sensitivity")).isNull();
        assertThat(mail.getMessage().getHeader("X-Caseguard-Mark")).containsExactly("case");
    }

    @Test
    void initShouldThrowWhenBothPrefixAndHeadersAreGiven() {
        assertThatThrownBy(() -> strip("prefix", "X-A-", "headers", "X-B")).hasMessageContaining("'headers'");
    }

    @Test
    void addClassificationHeaderWritesSensitivityAndRuleIdsOnly() throws Exception {
        FakeMail mail = mail();
        CaseguardAttributes.setClassification(mail, new Classification(Sensitivity.RESTRICTED, Set.of("2024-CW-00123"), Set.of("C-1"),
            Set.of(), false, List.of()));
        CaseguardAttributes.setVerdicts(mail, Map.of("bob@agency.example", "FW-1:deliver", "x@gmail.test", "FW-2:refuse"));
        new AddClassificationHeader().service(mail);
        assertThat(mail.getMessage().getHeader(AddClassificationHeader.SENSITIVITY_HEADER)).containsExactly("restricted");
        assertThat(mail.getMessage().getHeader(AddClassificationHeader.RULES_HEADER)).containsExactly("FW-1, FW-2");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        assertThat(out.toString()).doesNotContain("2024-CW-00123").doesNotContain("C-1");
    }

    @Test
    void clientMailFlagsBecomeHeadersAndUrgentMailIsMarkedForOrdinaryMailClients() throws Exception {
        FakeMail urgent = mail();
        CaseguardAttributes.setClientMail(urgent, new org.caseguard.core.autoreply.ClientMailFlags(false, true, true));
        new AddClassificationHeader().service(urgent);
        assertThat(urgent.getMessage().getHeader(AddClassificationHeader.CONSENT_HEADER)).containsExactly("not-in-effect");
        assertThat(urgent.getMessage().getHeader(AddClassificationHeader.URGENT_HEADER)).containsExactly("yes");
        assertThat(urgent.getMessage().getHeader("Importance")).containsExactly("high");
        assertThat(urgent.getMessage().getHeader("X-Priority")).containsExactly("1 (Highest)");
        assertThat(urgent.getMessage().getHeader(AddClassificationHeader.PRIVACY_REQUEST_HEADER)).containsExactly("yes");

        FakeMail ordinary = mail();
        CaseguardAttributes.setClientMail(ordinary, new org.caseguard.core.autoreply.ClientMailFlags(true, false, false));
        new AddClassificationHeader().service(ordinary);
        assertThat(ordinary.getMessage().getHeader(AddClassificationHeader.CONSENT_HEADER)).containsExactly("in-effect");
        assertThat(ordinary.getMessage().getHeader(AddClassificationHeader.URGENT_HEADER)).isNull();
        assertThat(ordinary.getMessage().getHeader("Importance")).isNull();
        assertThat(ordinary.getMessage().getHeader(AddClassificationHeader.PRIVACY_REQUEST_HEADER)).isNull();

        FakeMail staff = mail();
        new AddClassificationHeader().service(staff);
        assertThat(staff.getMessage().getHeader(AddClassificationHeader.CONSENT_HEADER)).isNull();
    }
}
