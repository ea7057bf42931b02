package org.caseguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NTC-1: which address notices come from. */
class NoticeSenderTest {
    @TempDir
    Path directory;
    private RegistryStore registry;

    @BeforeEach
    void open() {
        registry = RegistryStores.open(new Properties(), directory);
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    private static FakeMailContext postmaster(String address) throws Exception {
        return FakeMailContext.builder().postmaster(new MailAddress(address)).build();
    }

    private NoticeSender defaulted() {
        return NoticeSender.of(Optional.empty(), registry);
    }

    @Test
    void ntc1JamesPostmasterIsUsedWhenItIsInAnInternalDomainOrSubdomain() throws Exception {
        registry.addInternalDomain("agency.example");
        assertThat(defaulted().address(postmaster("postmaster@agency.example")).asString()).isEqualTo("postmaster@agency.example");
        assertThat(defaulted().address(postmaster("postmaster@mail.agency.example")).asString()).isEqualTo("postmaster@mail.agency.example");
    }

    @Test
    void ntc1OtherwiseThePostmasterOfTheFirstInternalDomainAlphabetically() throws Exception {
        registry.addInternalDomain("dhhs.example");
        registry.addInternalDomain("agency.example");
        assertThat(defaulted().address(postmaster("postmaster@localhost")).asString()).isEqualTo("postmaster@agency.example");
    }

    @Test
    void ntc1AnInternalDomainAddedAtRunTimeIsSeenByTheNextNotice() throws Exception {
        NoticeSender sender = defaulted();
        assertThat(sender.address(postmaster("postmaster@localhost")).asString()).isEqualTo("postmaster@localhost");
        registry.addInternalDomain("agency.example");
        assertThat(sender.address(postmaster("postmaster@localhost")).asString()).isEqualTo("postmaster@agency.example");
    }

    @Test
    void ntc1TheConfiguredSenderWinsWhateverThePostmaster() throws Exception {
        registry.addInternalDomain("agency.example");
        NoticeSender sender = NoticeSender.of(Optional.of(new MailAddress("privacy-desk@agency.example")), registry);
        assertThat(sender.address(postmaster("postmaster@localhost")).asString()).isEqualTo("privacy-desk@agency.example");
    }

    @Test
    void parseRejectsAValueThatIsNotAnAddressNamingTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> NoticeSender.parse(new MailetParameters(MailetConfigs.of("SendPolicyAdvisories", "noticeSender", "postmaster@"))))
            .isInstanceOf(MessagingException.class)
            .hasMessage("SendPolicyAdvisories: parameter 'noticeSender' must be an email address with a domain, such as "
                + "postmaster@agency.example (leave it empty for James's postmaster when it is in an internal domain, "
                + "else postmaster@ the first internal domain), got 'postmaster@'");
    }

    @Test
    void parseLeavesAnEmptyValueToTheDefault() throws Exception {
        assertThat(NoticeSender.parse(new MailetParameters(MailetConfigs.of("RefuseRecipients", "noticeSender", "  ")))).isEmpty();
    }
}
