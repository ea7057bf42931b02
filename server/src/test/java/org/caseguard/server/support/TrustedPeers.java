package org.caseguard.server.support;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The trust store of the server's required-TLS delivery in tests, named in its RemoteDelivery as
 * {@code mail.smtp.ssl.socketFactory.class}: JavaMail calls {@link #getDefault()} when it upgrades a connection with
 * STARTTLS. It trusts exactly the certificates given to {@link #trustOnly}, with normal PKIX validation, so the
 * test peers' self-signed certificates are verified as a public one would be against the JVM's trust store.
 */
public final class TrustedPeers {
    private static volatile SSLSocketFactory factory;

    private TrustedPeers() {
    }

    public static void trustOnly(X509Certificate... certificates) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            anchors.setCertificateEntry("peer-" + i, certificates[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        factory = tls.getSocketFactory();
    }

    /** Called reflectively by JavaMail. */
    public static SocketFactory getDefault() {
        SSLSocketFactory current = factory;
        if (current == null) {
            throw new IllegalStateException("TrustedPeers.trustOnly was not called");
        }
        return current;
    }
}
