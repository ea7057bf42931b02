package org.caseguard.server;

import java.nio.file.Path;
import java.util.Optional;

import org.caseguard.mailets.webadmin.WebAdminTokens;

/**
 * {@code caseguard} on one machine with no database to install: James (memory flavour) with the caseguard policy
 * pipeline, registries in an embedded H2 database. Working directory: {@code $CASEGUARD_HOME}, or the first
 * argument, or {@code ./caseguard-data}; created on first run and kept across restarts. {@code $CASEGUARD_PROFILE}
 * ({@code firewall}, the default, or {@code consent}) chooses the pipeline installed on first run.
 * {@code token <name> [validity]} prints a WebAdmin bearer token for that person instead of starting the server.
 */
public final class CaseguardServerMain {
    private CaseguardServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("token")) {
            if (args.length < 2 || args.length > 3) {
                System.err.println("usage: run-server token <your name> [validity such as PT12H, at most P31D]");
                System.exit(2);
            }
            String[] command = args.length == 3 ? new String[] {"token", defaultHome().toString(), args[1], args[2]}
                : new String[] {"token", defaultHome().toString(), args[1]};
            WebAdminTokens.main(command);
            return;
        }
        Path home = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : defaultHome();
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
              WebAdmin                           http://127.0.0.1:%d  (token: ./run-server token <your name>)
            Stop with Ctrl-C.
            """, home, server.smtpInboundPort(), server.submissionPort(), server.imapPort(), server.webAdminPort());
    }

    private static Path defaultHome() {
        return Path.of(Optional.ofNullable(System.getenv("CASEGUARD_HOME")).orElse("caseguard-data")).toAbsolutePath();
    }
}
