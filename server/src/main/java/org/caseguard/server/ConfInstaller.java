package org.caseguard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays the shipped configuration (classpath {@code caseguard-conf/}, listed in its {@code index.txt}) into a
 * working directory's {@code conf/}. Existing files are kept: an admin's edits survive restarts and upgrades.
 * Also the few edits tests and benchmarks make to it: ports and the remote delivery gateway.
 */
public final class ConfInstaller {
    private static final String ROOT = "caseguard-conf/";
    private static final Pattern LOOPBACK_BIND = Pattern.compile("<bind>127\\.0\\.0\\.1:\\d+</bind>");

    private ConfInstaller() {
    }

    public static List<String> shippedFiles() {
        try (InputStream index = resource("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void installMissing(Path confDirectory) throws IOException {
        installMissing(confDirectory, CaseguardProfile.FIREWALL);
    }

    /**
     * Copies every shipped file that is not there yet; {@code mailetcontainer.xml} is the chosen profile's pipeline.
     * Both profiles' pipelines are also installed under their own names for reference.
     */
    public static void installMissing(Path confDirectory, CaseguardProfile profile) throws IOException {
        Files.createDirectories(confDirectory);
        for (String file : shippedFiles()) {
            Path target = confDirectory.resolve(file);
            if (!Files.exists(target)) {
                String source = file.equals("mailetcontainer.xml") ? profile.mailetContainer() : file;
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(source)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    /** Binds SMTP inbound, submission, IMAP and WebAdmin to these loopback ports; 0 picks a free one. */
    public static void setPorts(Path confDirectory, int smtpInbound, int submission, int imap, int webAdmin) {
        rewrite(confDirectory.resolve("smtpserver.xml"), text -> replaceBinds(text, smtpInbound, submission));
        rewrite(confDirectory.resolve("imapserver.xml"), text -> replaceBinds(text, imap));
        rewrite(confDirectory.resolve("webadmin.properties"), text -> text.replaceAll("(?m)^port=\\d+$", "port=" + webAdmin));
    }

    /** Whether {@code webadmin.properties} turns on JWT authentication (the shipped default). */
    public static boolean webAdminAuthenticated(Path confDirectory) {
        Path file = confDirectory.resolve("webadmin.properties");
        if (!Files.exists(file)) {
            return false;
        }
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Boolean.parseBoolean(properties.getProperty("jwt.enabled", "false").trim());
    }

    /** Remote delivery goes to this relay instead of the recipients' MX, retrying quickly. */
    public static void setRemoteDeliveryGateway(Path confDirectory, String host, int port) {
        rewrite(confDirectory.resolve("mailetcontainer.xml"), text -> text
            .replace("<!-- caseguard:gateway", "<gateway>" + host + "</gateway><gatewayPort>" + port + "</gatewayPort><!-- caseguard:gateway")
            .replace("<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>500, 1000</delayTime>"));
    }

    public static void rewrite(Path file, UnaryOperator<String> edit) {
        try {
            Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceBinds(String text, int... ports) {
        Matcher matcher = LOOPBACK_BIND.matcher(text);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            if (index >= ports.length) {
                throw new IllegalStateException("more loopback binds than ports given");
            }
            matcher.appendReplacement(out, "<bind>127.0.0.1:" + ports[index++] + "</bind>");
        }
        matcher.appendTail(out);
        if (index != ports.length) {
            throw new IllegalStateException("expected " + ports.length + " loopback binds, found " + index);
        }
        return out.toString();
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = ConfInstaller.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IOException("missing shipped configuration file " + ROOT + file);
        }
        return in;
    }
}
