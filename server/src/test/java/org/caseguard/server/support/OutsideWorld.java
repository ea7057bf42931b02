package org.caseguard.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.subethamail.wiser.Wiser;
import org.subethamail.wiser.WiserMessage;

/**
 * The world outside the agency: a real SMTP server on loopback that the embedded James uses as its remote
 * delivery gateway. Tests assert on what arrives here, never on internal state.
 */
public final class OutsideWorld implements AutoCloseable {
    public record Received(String envelopeSender, String envelopeRecipient, String raw) {
    }

    private final Wiser wiser;
    private final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();

    private OutsideWorld(Wiser wiser) {
        this.wiser = wiser;
        // one id per SMTP connection: lets a test see attempts that ended before any message was sent
        wiser.getServer().setSessionIdFactory(() -> "s" + sessions.incrementAndGet());
    }

    public static OutsideWorld start() throws IOException {
        Wiser wiser = new Wiser();
        wiser.setHostname("outside.test");
        wiser.getServer().setBindAddress(java.net.InetAddress.getLoopbackAddress());
        wiser.setPort(freePort());
        wiser.start();
        return new OutsideWorld(wiser);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return wiser.getServer().getPort();
    }

    public List<Received> received() {
        return wiser.getMessages().stream()
            .map(message -> new Received(message.getEnvelopeSender(), message.getEnvelopeReceiver(),
                new String(message.getData(), StandardCharsets.UTF_8)))
            .toList();
    }

    public List<Received> receivedBy(String recipient) {
        return received().stream().filter(message -> message.envelopeRecipient().equalsIgnoreCase(recipient)).toList();
    }

    /** SMTP connections accepted so far, whether or not a message followed. */
    public int connections() {
        return sessions.get();
    }

    public void clear() {
        wiser.getMessages().clear();
    }

    @Override
    public void close() {
        wiser.stop();
    }

    @SuppressWarnings("unused")
    private static String describe(WiserMessage message) {
        return message.getEnvelopeSender() + " -> " + message.getEnvelopeReceiver();
    }
}
