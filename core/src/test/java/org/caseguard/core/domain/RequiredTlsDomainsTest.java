package org.caseguard.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequiredTlsDomainsTest {
    private final RequiredTlsDomains required = RequiredTlsDomains.parse(" Courts.Example., partner.example ,bücher.example");

    @ParameterizedTest
    @ValueSource(strings = {"judge@courts.example", "judge@COURTS.example", "a@mx.partner.example", "a@partner.example.",
        "a@xn--bcher-kva.example"})
    void enc5ListedDomainsAndTheirSubdomainsRequireTls(String address) {
        assertThat(required.requiresTls(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@partner.example.evil.test", "a@evilpartner.example", "a@example", "a@gmail.test", "a", "a@"})
    void enc5OtherDomainsDoNotRequireTls(String address) {
        assertThat(required.requiresTls(address)).isFalse();
    }

    @Test
    void enc5AnEmptyListRequiresNothing() {
        assertThat(RequiredTlsDomains.parse("").isEmpty()).isTrue();
        assertThat(RequiredTlsDomains.parse(null).requiresTls("a@courts.example")).isFalse();
        assertThat(RequiredTlsDomains.parse("  ").domains()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"courts example", "courts.example,", "*.courts.example", "https://courts.example", "localhost",
        "a@courts.example", "-bad.example", "courts..example"})
    void enc5AnEntryThatIsNotADomainIsRefusedByName(String list) {
        assertThatThrownBy(() -> RequiredTlsDomains.parse("partner.example, " + list))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not a domain name")
            .hasMessageContaining("partner.example");
    }

    @Test
    void enc5TheRefusalQuotesTheBadEntry() {
        assertThatThrownBy(() -> RequiredTlsDomains.parse("partner.example, courts example"))
            .hasMessageStartingWith("'courts example' is not a domain name");
    }
}
