package org.caseguard.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.caseguard.mailets.webadmin.WebAdminTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.multibindings.Multibinder;

/**
 * The embedded caseguard server: James's memory flavour with the shipped caseguard configuration laid into
 * {@code <working directory>/conf} on first run. Used by {@link CaseguardServerMain}, the end-to-end tests and
 * the benchmarks. James's own mailboxes, users and domains live in memory (James's memory flavour); caseguard's
 * registries and the mail repositories live under the working directory and survive restarts.
 */
public final class CaseguardServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(CaseguardServer.class);
    private final GuiceJamesServer james;
    private final Path workingDirectory;

    private CaseguardServer(GuiceJamesServer james, Path workingDirectory) {
        this.james = james;
        this.workingDirectory = workingDirectory;
    }

    public static Builder builder(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    public static final class Builder {
        private final Path workingDirectory;
        private boolean ephemeralPorts;
        private CaseguardProfile profile = CaseguardProfile.FIREWALL;
        private Optional<Gateway> gateway = Optional.empty();
        private final List<UnaryOperator<String>> mailetContainerEdits = new ArrayList<>();
        private final List<com.google.inject.Module> overrides = new ArrayList<>();

        private Builder(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        /** Binds every service to a free loopback port (tests, benchmarks); read them back from the server. */
        public Builder ephemeralPorts() {
            this.ephemeralPorts = true;
            return this;
        }

        /** The policy pipeline installed on first start (an existing conf/mailetcontainer.xml is kept). */
        public Builder profile(CaseguardProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Remote delivery goes to this SMTP relay instead of the recipients' MX (tests: a loopback server). */
        public Builder remoteDeliveryGateway(String host, int port) {
            this.gateway = Optional.of(new Gateway(host, port));
            return this;
        }

        /** Guice bindings that replace James's own (benchmarks: take a James cost out of what is measured). */
        public Builder overrideWith(com.google.inject.Module module) {
            overrides.add(module);
            return this;
        }

        /** A textual change to the installed mailetcontainer.xml, e.g. a test switching a rule to audit. */
        public Builder editMailetContainer(UnaryOperator<String> edit) {
            mailetContainerEdits.add(edit);
            return this;
        }

        public CaseguardServer start() throws Exception {
            Path conf = workingDirectory.resolve("conf");
            ConfInstaller.installMissing(conf, profile);
            if (ephemeralPorts) {
                ConfInstaller.setPorts(conf, 0, 0, 0, 0);
            }
            gateway.ifPresent(relay -> ConfInstaller.setRemoteDeliveryGateway(conf, relay.host(), relay.port()));
            mailetContainerEdits.forEach(edit -> ConfInstaller.rewrite(conf.resolve("mailetcontainer.xml"), edit));
            if (ConfInstaller.webAdminAuthenticated(conf) && WebAdminTokens.generateKeysIfMissing(workingDirectory)) {
                LOGGER.warn("caseguard: generated the WebAdmin token key pair ({} and {}); mint tokens with './run-server token <name>'",
                    WebAdminTokens.PUBLIC_KEY, WebAdminTokens.PRIVATE_KEY);
            }

            MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build();
            GuiceJamesServer james = MemoryJamesServerMain.createServer(configuration)
                .combineWith(binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(SmtpPortsProbe.class))
                .overrideWith(new PersistentMailQueueModule())
                .overrideWith(overrides);
            try {
                james.start();
            } catch (Exception e) {
                // A mailet that refuses its configuration fails the start half way: release what was started (the
                // spool's JMX registration, ports) so that the process, or the next server in this JVM, is not left with it.
                try {
                    james.stop();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
                throw e;
            }
            return new CaseguardServer(james, workingDirectory);
        }

        private record Gateway(String host, int port) {
        }
    }

    public int smtpInboundPort() {
        return james.getProbe(SmtpPortsProbe.class).ports().get(0);
    }

    public int submissionPort() {
        return james.getProbe(SmtpPortsProbe.class).ports().get(1);
    }

    public int imapPort() {
        return james.getProbe(ImapGuiceProbe.class).getImapPort();
    }

    public int webAdminPort() {
        return james.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    /** A WebAdmin bearer token for {@code subject}, signed with this server's embedded key (see {@link WebAdminTokens}). */
    public String webAdminToken(String subject) {
        return WebAdminTokens.mint(workingDirectory, subject, WebAdminTokens.DEFAULT_VALIDITY, java.time.Clock.systemUTC());
    }

    public DataProbeImpl data() {
        return james.getProbe(DataProbeImpl.class);
    }

    public GuiceJamesServer james() {
        return james;
    }

    @Override
    public void close() {
        james.stop();
    }
}
