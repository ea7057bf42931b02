package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ENC-5 in each shipped profile, read from the shipped file: what the end-to-end test proves for the firewall
 * profile's wiring must hold in both. A required-TLS delivery sharing the ordinary queue, or losing STARTTLS
 * required, would silently deliver in plaintext.
 */
class RequiredTlsShippedConfigurationTest {
    private static final String MATCHER = "org.caseguard.matchers.RecipientDomainRequiresTls";

    private static Document shipped(CaseguardProfile profile) throws Exception {
        try (InputStream in = RequiredTlsShippedConfigurationTest.class.getClassLoader()
            .getResourceAsStream("caseguard-conf/" + profile.mailetContainer())) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Element processor(Document document, String state) {
        List<Element> processors = children(document.getDocumentElement(), "processors").stream()
            .flatMap(group -> children(group, "processor").stream())
            .filter(element -> element.getAttribute("state").equals(state))
            .toList();
        assertThat(processors).as("processor %s", state).hasSize(1);
        return processors.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<String> parameter(Element mailet, String name) {
        return children(mailet, name).stream().findFirst().map(element -> element.getTextContent().trim());
    }

    @ParameterizedTest
    @EnumSource(CaseguardProfile.class)
    void enc5RelaySendsListedDomainsToTheTlsRouteJustBeforeOrdinaryDelivery(CaseguardProfile profile) throws Exception {
        List<Element> relay = children(processor(shipped(profile), "relay"), "mailet");
        Element last = relay.get(relay.size() - 1);
        Element split = relay.get(relay.size() - 2);
        assertThat(last.getAttribute("class")).isEqualTo("RemoteDelivery");
        assertThat(split.getAttribute("match")).startsWith(MATCHER + "=");
        assertThat(split.getAttribute("class")).isEqualTo("ToProcessor");
        assertThat(parameter(split, "processor")).contains("caseguard-relay-tls");
        // shipped harmless: no domain requires TLS until the admin lists some
        assertThat(split.getAttribute("match").substring(MATCHER.length() + 1)).isBlank();
    }

    @ParameterizedTest
    @EnumSource(CaseguardProfile.class)
    void enc5TlsRouteRequiresStartTlsOnItsOwnQueueStraightToTheMx(CaseguardProfile profile) throws Exception {
        Document document = shipped(profile);
        List<Element> tls = children(processor(document, "caseguard-relay-tls"), "mailet");
        assertThat(tls).hasSize(1);
        Element delivery = tls.get(0);
        assertThat(delivery.getAttribute("class")).isEqualTo("RemoteDelivery");
        assertThat(parameter(delivery, "mail.smtp.starttls.enable")).contains("true");
        assertThat(parameter(delivery, "mail.smtp.starttls.required")).contains("true");
        assertThat(parameter(delivery, "startTLS")).contains("true");
        assertThat(parameter(delivery, "verifyServerIdentity")).contains("true");
        assertThat(parameter(delivery, "gateway")).isEmpty();
        assertThat(parameter(delivery, "sslEnable")).isEmpty();
        assertThat(parameter(delivery, "bounceProcessor")).contains("bounces");

        // RemoteDelivery reads its queue from "outgoing" (default "outgoing"); a shared queue would let the
        // ordinary delivery threads pick up required-TLS mail.
        Element ordinary = children(processor(document, "relay"), "mailet").stream()
            .filter(mailet -> mailet.getAttribute("class").equals("RemoteDelivery")).findFirst().orElseThrow();
        String ordinaryQueue = parameter(ordinary, "outgoing").orElse("outgoing");
        assertThat(parameter(delivery, "outgoing")).isPresent().get().isNotEqualTo(ordinaryQueue);
    }
}
