package org.caseguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class RecipientCanBeRewrittenTest {
    private static RecipientCanBeRewritten matcher() throws MessagingException {
        RecipientCanBeRewritten matcher = new RecipientCanBeRewritten();
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientCanBeRewritten").build());
        return matcher;
    }

    @Test
    void aQuotedLocalPartHoldingAnAtIsLeftOutOfTheRewriteAndTheOthersGoThrough() throws Exception {
        MailAddress quoted = new MailAddress("\"x@agency.example\"@evil.test");
        FakeMail mail = FakeMail.builder().name("m")
            .recipients(new MailAddress("bob@agency.example"), quoted, new MailAddress("\"john smith\"@partner.test")).build();

        assertThat(quoted.getDomain().asString()).isEqualTo("evil.test");
        assertThat(matcher().match(mail))
            .containsExactly(new MailAddress("bob@agency.example"), new MailAddress("\"john smith\"@partner.test"));
    }

    @Test
    void mailWhoseOnlyRecipientHoldsAnAtInItsLocalPartMatchesNobody() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients(new MailAddress("\"x@agency.example\"@evil.test")).build();
        assertThat(matcher().match(mail)).isEmpty();
    }

    @Test
    void initShouldThrowWhenGivenACondition() {
        RecipientCanBeRewritten matcher = new RecipientCanBeRewritten();
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("RecipientCanBeRewritten").condition("x").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("takes no condition");
    }
}
