package org.caseguard.server.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.dnsservice.api.DNSService;

/**
 * James's DNS in tests that deliver by MX: chosen domains have one MX, {@code localhost:<port>} (James's
 * RemoteDelivery honours a port in an MX name), so each domain can be served by its own loopback peer. Every other
 * domain has no MX. {@code localhost} resolves to 127.0.0.1 only, where the peers listen.
 */
public final class LoopbackDns implements DNSService {
    private final Map<String, String> mailExchangers = new ConcurrentHashMap<>();

    public void serve(String domain, int port) {
        mailExchangers.put(domain.toLowerCase(Locale.ROOT), "localhost:" + port);
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        String exchanger = mailExchangers.get(hostname.toLowerCase(Locale.ROOT));
        return exchanger == null ? List.of() : List.of(exchanger);
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        if ("localhost".equalsIgnoreCase(host)) {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        }
        return InetAddress.getByName(host);
    }

    @Override
    public InetAddress getLocalHost() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String getHostName(InetAddress address) {
        return address.getHostAddress();
    }
}
