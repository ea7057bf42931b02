package org.caseguard.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code caseguard} on one machine with no database to install: James (memory flavour) with the caseguard policy
 * pipeline, registries in an embedded H2 database. Working directory: {@code $CASEGUARD_HOME}, or the first
 * argument, or {@code ./caseguard-data}; created on first run and kept across restarts. {@code $CASEGUARD_PROFILE}
 * ({@code firewall}, the default, or {@code consent}) chooses the pipeline installed on first run.
 */
public final class CaseguardServerMain {
    private CaseguardServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0]
            : Optional.ofNullable(System.getenv("CASEGUARD_HOME")).orElse("caseguard-data")).toAbsolutePath();
        CaseguardProfile profile = CaseguardProfile.parse(Optional.ofNullable(System.getenv("CASEGUARD_PROFILE")).orElse("firewall"));
        ConfInstaller.installMissing(home.resolve("conf"), profile);
        if (System.getProperty("logback.configurationFile") == null) {
            // Before the first logger is created, so that conf/logback.xml (quiet by default) is the one in force.
            System.setProperty("logback.configurationFile", home.resolve("conf/logback.xml").toString());
        }
        CaseguardServer server = CaseguardServer.builder(home).profile(profile).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "caseguard-shutdown"));
        System.out.printf("""
            caseguard is running (working directory %s)
              SMTP inbound (mail from outside)   127.0.0.1:%d
              SMTP submission (staff, AUTH)      127.0.0.1:%d
              IMAP                               127.0.0.1:%d
              WebAdmin                           http://127.0.0.1:%d
            Stop with Ctrl-C.
            """, home, server.smtpInboundPort(), server.submissionPort(), server.imapPort(), server.webAdminPort());
    }
}
