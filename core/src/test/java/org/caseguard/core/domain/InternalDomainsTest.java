package org.caseguard.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalDomainsTest {
    private final InternalDomains internal = new InternalDomains(List.of("agency.example", "Bücher.example."));

    @ParameterizedTest
    @ValueSource(strings = {"jane@agency.example", "jane@AGENCY.EXAMPLE", "jane@agency.example.", "jane@dhhs.agency.example",
        "jane@a.b.agency.example", "jane@bücher.example", "jane@xn--bcher-kva.example", "jane@team.XN--BCHER-KVA.example"})
    void internalAddressesMatch(String address) {
        assertThat(internal.isInternalAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@agency.example.evil.test", "jane@evilagency.example", "jane@agency.examples", "jane@example",
        "jane@agency-example", "jane", "jane@", "jane@..agency.example", "jane@agency.example..", "jane@xn--bcher-kva.example.evil.test"})
    void lookAlikesAndMalformedAddressesDoNotMatch(String address) {
        assertThat(internal.isInternalAddress(address)).isFalse();
    }
}
