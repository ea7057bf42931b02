package org.caseguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class RecipientDomainRequiresTlsTest {
    private static RecipientDomainRequiresTls matcher(String condition) throws MessagingException {
        RecipientDomainRequiresTls matcher = new RecipientDomainRequiresTls();
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientDomainRequiresTls").condition(condition).build());
        return matcher;
    }

    private static FakeMail mixedMail() throws MessagingException {
        return FakeMail.builder().name("m")
            .recipients("judge@courts.example", "clerk@filing.courts.example", "x@gmail.test", "bob@agency.example").build();
    }

    @Test
    void enc5MatchesOnlyRecipientsOfListedDomainsAndTheirSubdomains() throws Exception {
        assertThat(matcher("Courts.Example, partner.example").match(mixedMail()))
            .containsExactlyInAnyOrder(new MailAddress("judge@courts.example"), new MailAddress("clerk@filing.courts.example"));
    }

    @Test
    void enc5AnEmptyOrMissingConditionMatchesNobody() throws Exception {
        assertThat(matcher("").match(mixedMail())).isEmpty();
        assertThat(matcher(null).match(mixedMail())).isEmpty();
    }

    @Test
    void enc5InitRefusesAnEntryThatIsNotADomainNamingTheConditionAndTheEntry() {
        assertThatThrownBy(() -> matcher("courts.example; partner.example"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("RecipientDomainRequiresTls condition")
            .hasMessageContaining("'courts.example; partner.example' is not a domain name");
    }
}
