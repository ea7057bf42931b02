package org.caseguard.server;

import java.net.InetSocketAddress;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;

/** The bound ports of the SMTP services in the order smtpserver.xml declares them (inbound first, then submission). */
public class SmtpPortsProbe implements GuiceProbe {
    private final SMTPServerFactory smtpServerFactory;

    @Inject
    public SmtpPortsProbe(SMTPServerFactory smtpServerFactory) {
        this.smtpServerFactory = smtpServerFactory;
    }

    public List<Integer> ports() {
        return smtpServerFactory.getServers().stream()
            .flatMap(server -> server.getListenAddresses().stream().findFirst().stream())
            .map(InetSocketAddress::getPort)
            .toList();
    }
}
