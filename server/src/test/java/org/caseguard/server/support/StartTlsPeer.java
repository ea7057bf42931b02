package org.caseguard.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * An outside mail server on loopback that offers STARTTLS with its own self-signed certificate for
 * {@code localhost} (generated here, RSA 2048). It records, for every message it accepts, whether the session had
 * been upgraded to TLS before the message was sent.
 */
public final class StartTlsPeer implements AutoCloseable {
    public record Received(String envelopeSender, List<String> envelopeRecipients, String raw, boolean overTls, String tlsProtocol) {
    }

    private final SMTPServer server;
    private final X509Certificate certificate;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger attemptedHandshakes = new AtomicInteger();
    private final AtomicInteger completedHandshakes = new AtomicInteger();

    private StartTlsPeer(SSLContext tls, X509Certificate certificate) throws IOException {
        this.certificate = certificate;
        this.server = new SMTPServer(context -> new Recorder(context)) {
            @Override
            public SSLSocket createSSLSocket(Socket socket) throws IOException {
                InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.addHandshakeCompletedListener(event -> completedHandshakes.incrementAndGet());
                attemptedHandshakes.incrementAndGet();
                return upgraded;
            }
        };
        server.setHostName("localhost");
        server.setEnableTLS(true);
        server.setBindAddress(InetAddress.getLoopbackAddress());
        server.setPort(freePort());
        server.start();
    }

    public static StartTlsPeer start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(1, ChronoUnit.DAYS)), Date.from(Instant.now().plus(30, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "peer".toCharArray();
        store.setKeyEntry("peer", keys.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return new StartTlsPeer(tls, certificate);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return server.getPort();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedBy(String recipient) {
        return received.stream()
            .filter(message -> message.envelopeRecipients().stream().anyMatch(recipient::equalsIgnoreCase))
            .toList();
    }

    /** STARTTLS commands whose TLS handshake did not complete (e.g. the client refused the certificate). */
    public int refusedHandshakes() {
        return attemptedHandshakes.get() - completedHandshakes.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Recorder implements MessageHandler {
        private final MessageContext context;
        private final List<String> recipients = new ArrayList<>();
        private String sender;

        private Recorder(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            this.sender = from;
        }

        @Override
        public void recipient(String recipient) {
            recipients.add(recipient);
        }

        @Override
        public void data(InputStream data) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            data.transferTo(raw);
            Session session = (Session) context;
            String protocol = session.getSocket() instanceof SSLSocket ssl ? ssl.getSession().getProtocol() : "none";
            received.add(new Received(sender, List.copyOf(recipients), raw.toString(StandardCharsets.UTF_8),
                session.isTLSStarted(), protocol));
        }

        @Override
        public void done() {
        }
    }
}
