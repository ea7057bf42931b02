package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.james.dnsservice.api.DNSService;
import org.caseguard.server.support.LoopbackDns;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.caseguard.server.support.StartTlsPeer;
import org.caseguard.server.support.TrustedPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENC-5 through the real server, delivering by MX to two SMTP peers on loopback: one offers STARTTLS (a self-signed
 * certificate the server's required-TLS delivery is told to trust), one does not (the outside world of the other
 * tests, also the gateway of ordinary delivery). A third peer offers STARTTLS with a certificate nobody trusts.
 */
class RequiredTlsEndToEndTest {
    /** Requires TLS; its MX offers STARTTLS. */
    static final String TLS_DOMAIN = "tls-peer.example";
    /** Requires TLS; its MX offers none. */
    static final String PLAIN_DOMAIN = "plain-peer.example";
    /** Requires TLS; its MX offers STARTTLS with an untrusted certificate. */
    static final String UNTRUSTED_DOMAIN = "untrusted-peer.example";
    /** Not listed: ordinary delivery through the gateway, which offers no STARTTLS. */
    static final String ORDINARY_DOMAIN = "elsewhere.example";

    @TempDir
    static Path workingDirectory;

    static StartTlsPeer tlsPeer;
    static StartTlsPeer untrustedPeer;
    static LoopbackDns dns = new LoopbackDns();
    static PipelineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        tlsPeer = StartTlsPeer.start();
        untrustedPeer = StartTlsPeer.start();
        TrustedPeers.trustOnly(tlsPeer.certificate());
        dns.serve(TLS_DOMAIN, tlsPeer.port());
        dns.serve(UNTRUSTED_DOMAIN, untrustedPeer.port());
        fixture = PipelineFixture.start(workingDirectory, CaseguardProfile.FIREWALL,
            List.of(binder -> binder.bind(DNSService.class).toInstance(dns)),
            conf -> conf
                .replace("RecipientDomainRequiresTls=\"",
                    "RecipientDomainRequiresTls=" + TLS_DOMAIN + ", " + PLAIN_DOMAIN + ", " + UNTRUSTED_DOMAIN + "\"")
                .replace("<mail.smtp.starttls.required>true</mail.smtp.starttls.required>",
                    "<mail.smtp.starttls.required>true</mail.smtp.starttls.required>"
                        + "<mail.smtp.ssl.socketFactory.class>" + TrustedPeers.class.getName() + "</mail.smtp.ssl.socketFactory.class>"));
        dns.serve(PLAIN_DOMAIN, fixture.outside.port());
    }

    @AfterAll
    static void stop() {
        try {
            fixture.close();
        } finally {
            tlsPeer.close();
            untrustedPeer.close();
        }
    }

    private static String awaitBounceFor(String recipient) {
        return eventually().until(() -> bounceFor(recipient), Optional::isPresent).orElseThrow();
    }

    private static Optional<String> bounceFor(String recipient) throws Exception {
        return fixture.mail.inbox(ALICE).stream()
            .filter(message -> message.contains("report-type=delivery-status") && message.contains("rfc822; " + recipient))
            .findFirst();
    }

    @Test
    void enc5MailToARequiredTlsDomainWhosePeerOffersStartTlsArrivesOverTls() throws Exception {
        String recipient = "judge@" + TLS_DOMAIN;
        fixture.mail.send(ALICE, Messages.plain(ALICE, recipient, "Hearing", "See you on Monday."), recipient);

        eventually().until(() -> !tlsPeer.receivedBy(recipient).isEmpty());
        StartTlsPeer.Received received = tlsPeer.receivedBy(recipient).get(0);
        assertThat(received.overTls()).isTrue();
        assertThat(received.tlsProtocol()).startsWith("TLSv1.");
        assertThat(received.raw()).contains("See you on Monday.");
        assertThat(fixture.outside.receivedBy(recipient)).isEmpty();
    }

    @Test
    void enc5MailToARequiredTlsDomainWhosePeerOffersNoStartTlsIsRetriedNeverSentInPlainThenBounced() throws Exception {
        String recipient = "clerk@" + PLAIN_DOMAIN;
        int connectionsBefore = fixture.outside.connections();
        fixture.mail.send(ALICE, Messages.plain(ALICE, recipient, "Filing", "The filing is attached."), recipient);

        String bounce = awaitBounceFor(recipient);
        // the first attempt and every retry (maxRetries 3) reached the peer and stopped before MAIL FROM
        assertThat(fixture.outside.connections() - connectionsBefore).isGreaterThanOrEqualTo(4);
        assertThat(fixture.outside.receivedBy(recipient)).isEmpty();
        assertThat(fixture.outside.received()).noneMatch(message -> message.raw().contains("The filing is attached."));
        assertThat(bounce).contains("Action: failed").contains("Bouncing after 3 retries");
    }

    @Test
    void enc5MailToARequiredTlsDomainWhosePeerCertificateIsNotTrustedIsNotDelivered() throws Exception {
        String recipient = "clerk@" + UNTRUSTED_DOMAIN;
        fixture.mail.send(ALICE, Messages.plain(ALICE, recipient, "Filing", "Untrusted peer body."), recipient);

        awaitBounceFor(recipient);
        assertThat(untrustedPeer.received()).isEmpty();
        assertThat(untrustedPeer.refusedHandshakes()).isGreaterThanOrEqualTo(4);
        assertThat(fixture.outside.receivedBy(recipient)).isEmpty();
    }

    @Test
    void enc5MixedRecipientsAreSplitEachGoingItsOwnWay() throws Exception {
        String overTls = "registry@" + TLS_DOMAIN;
        String neverPlain = "registry@" + PLAIN_DOMAIN;
        String ordinary = "friend@" + ORDINARY_DOMAIN;
        String messageId = Messages.uniqueId();
        fixture.mail.send(ALICE, Messages.plain(ALICE, overTls + ", " + neverPlain + ", " + ordinary, "Schedule",
            "Mixed recipients body.", messageId), overTls, neverPlain, ordinary);

        eventually().until(() -> !tlsPeer.receivedBy(overTls).isEmpty() && !fixture.outside.receivedBy(ordinary).isEmpty());
        StartTlsPeer.Received secure = tlsPeer.receivedBy(overTls).get(0);
        assertThat(secure.overTls()).isTrue();
        assertThat(secure.envelopeRecipients()).containsExactly(overTls);
        assertThat(fixture.outside.receivedBy(ordinary).get(0).raw()).contains("Mixed recipients body.");

        awaitBounceFor(neverPlain);
        assertThat(fixture.outside.receivedBy(neverPlain)).isEmpty();
        assertThat(fixture.outside.receivedBy(overTls)).isEmpty();
        assertThat(tlsPeer.receivedBy(ordinary)).isEmpty();
    }
}
