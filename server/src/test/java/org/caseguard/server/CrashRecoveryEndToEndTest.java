package org.caseguard.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalSearch;
import org.caseguard.mailets.webadmin.WebAdminTokens;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.OutsideWorld;
import org.caseguard.server.support.StaffMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * JRN-1/JRN-2 against a crash: the embedded server runs in its own JVM ({@link CaseguardServerMain}, as
 * {@code ./run-server} starts it) and is killed with SIGKILL in the middle of 2,000 messages, then started again on the
 * same working directory. Every message whose 250 the SMTP client saw is journaled exactly once and is, in the end,
 * delivered to the outside recipient or refused by its rule; the journal verifies.
 */
class CrashRecoveryEndToEndTest {
    private static final int MESSAGES = 2000;
    private static final int KILL_AFTER_ACCEPTED = 700;
    private static final String DOMAIN = "agency.example";
    private static final List<String> STAFF = List.of("alice@agency.example", "bob@agency.example", "carol@agency.example", "dan@agency.example");
    private static final String CASE_NUMBER = "2024-CW-00123";

    @TempDir
    Path home;

    private Process server;
    private OutsideWorld outside;
    private int smtp;
    private int submission;
    private int imap;
    private int webAdmin;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (outside != null) {
            outside.close();
        }
        Path log = home.resolve("server.log");
        if (Files.exists(log)) {
            Files.copy(log, Path.of("target", "crash-recovery-server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void jrn2EveryAcceptedMessageIsJournaledOnceAndDeliveredOrRefusedAfterASigkill() throws Exception {
        outside = OutsideWorld.start();
        Path conf = home.resolve("conf");
        ConfInstaller.installMissing(conf, CaseguardProfile.FIREWALL);
        smtp = freePort();
        submission = freePort();
        imap = freePort();
        webAdmin = freePort();
        ConfInstaller.setPorts(conf, smtp, submission, imap, webAdmin);
        ConfInstaller.setRemoteDeliveryGateway(conf, "127.0.0.1", outside.port());

        startServer();
        provision(true);

        Map<String, Expected> accepted = new HashMap<>();
        AtomicInteger refusedBySmtp = new AtomicInteger();
        int attempted = send(0, MESSAGES, accepted, refusedBySmtp, true);
        assertThat(server.isAlive()).as("killed in the middle of the stream").isFalse();
        int acceptedBeforeCrash = accepted.size();

        startServer();
        provision(false);
        send(attempted, MESSAGES, accepted, refusedBySmtp, false);

        assertThat(acceptedBeforeCrash).isGreaterThanOrEqualTo(KILL_AFTER_ACCEPTED);
        assertThat(accepted.size()).isGreaterThan(MESSAGES - 50);
        Set<String> ordinary = accepted.entrySet().stream().filter(entry -> !entry.getValue().caseMail()).map(Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toSet());
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(ordinary.stream().filter(id -> !deliveredOutside().contains(id)).count())
                .as("accepted ordinary messages not delivered outside").isZero());

        RequestSpecification officer = admin("privacy.officer");
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
            .until(() -> given().spec(officer).post("/caseguard/journal/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("passed"));
        stopGracefully();

        Map<String, List<List<JournalRecord>>> journaled = journaledByMessageId();
        for (Map.Entry<String, Expected> message : accepted.entrySet()) {
            List<List<JournalRecord>> entries = journaled.getOrDefault(message.getKey(), List.of());
            assertThat(entries).as("journal entries of accepted message %s", message.getKey()).hasSize(1);
            List<JournalRecord> records = entries.get(0);
            JournalRecord received = records.stream().filter(record -> record.kind().equals("received")).findFirst().orElseThrow();
            assertThat(received.fields().get("rcptTo")).isEqualTo(List.of(message.getValue().recipient()));
            String outcome = outcome(records, message.getValue().recipient());
            if (message.getValue().caseMail()) {
                assertThat(outcome).as("verdict of case mail %s", message.getKey()).isEqualTo("refuse:FW-2");
            } else {
                assertThat(outcome).as("verdict of ordinary mail %s", message.getKey()).isEqualTo("deliver");
            }
        }
        assertThat(outside.received()).noneMatch(mail -> mail.raw().contains(CASE_NUMBER));
        long deliveriesOfOrdinary = outside.received().stream().filter(mail -> ordinary.stream().anyMatch(id -> mail.raw().contains(id))).count();
        System.out.printf("crash recovery: %d attempted, %d accepted (%d before SIGKILL), %d cut off by the kill, %d ordinary messages "
                + "delivered outside %d times (the surplus: mail in RemoteDelivery's hands at the kill, sent again), %d case messages refused%n",
            MESSAGES, accepted.size(), acceptedBeforeCrash, refusedBySmtp.get(), ordinary.size(), deliveriesOfOrdinary,
            accepted.size() - ordinary.size());
    }

    private record Expected(String sender, String recipient, boolean caseMail) {
    }

    /** Sends messages {@code from..to-1}, one SMTP connection per sender; with {@code killMidway}, SIGKILLs the server. */
    private int send(int from, int to, Map<String, Expected> accepted, AtomicInteger refused, boolean killMidway) throws Exception {
        Map<String, Transport> connections = new HashMap<>();
        Session session = Session.getInstance(smtpProperties());
        int index = from;
        try {
            for (; index < to; index++) {
                String sender = STAFF.get(index % STAFF.size());
                String recipient = "partner" + (index % 25) + "@outside.test";
                boolean caseMail = index % 10 == 0;
                String messageId = "<crash-" + index + "-" + Messages.uniqueId().replaceAll("[<>]", "") + ">";
                String body = caseMail ? "Update on case " + CASE_NUMBER + ": the visit moved to Friday." : "Message " + index + ": the delivery is confirmed.";
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
                    Messages.plain(sender, recipient, "Note " + index, body, messageId).getBytes(StandardCharsets.UTF_8)));
                try {
                    Transport transport = connections.get(sender);
                    if (transport == null) {
                        transport = session.getTransport("smtp");
                        transport.connect("127.0.0.1", submission, sender, StaffMail.PASSWORD);
                        connections.put(sender, transport);
                    }
                    transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
                    accepted.put(message.getMessageID(), new Expected(sender, recipient, caseMail));
                } catch (MessagingException e) {
                    refused.incrementAndGet();
                    connections.remove(sender);
                    if (killMidway && !server.isAlive()) {
                        return index + 1;
                    }
                }
                if (killMidway && accepted.size() == KILL_AFTER_ACCEPTED) {
                    server.destroyForcibly();
                    server.waitFor(30, TimeUnit.SECONDS);
                }
            }
            return index;
        } finally {
            for (Transport transport : connections.values()) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // the server is gone
                }
            }
        }
    }

    private static Properties smtpProperties() {
        Properties properties = new Properties();
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        return properties;
    }

    private void startServer() throws Exception {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
            "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
            CaseguardServerMain.class.getName(), home.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile())).start();
        RequestSpecification anonymous = new RequestSpecBuilder().setBaseUri("http://127.0.0.1").setPort(webAdmin).build();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> !server.isAlive() || given().spec(anonymous).get("/domains").statusCode() == 401);
        assertThat(server.isAlive()).as("server started; see target/crash-recovery-server.log").isTrue();
    }

    /** James's memory flavour keeps its domains and users in memory: an admin re-creates them after every start. */
    private void provision(boolean registries) {
        RequestSpecification admin = admin("agency.admin");
        given().spec(admin).put("/domains/" + DOMAIN).then().statusCode(204);
        for (String user : STAFF) {
            given().spec(admin).body("{\"password\":\"" + StaffMail.PASSWORD + "\"}").put("/users/" + user).then().statusCode(204);
        }
        if (registries) {
            given().spec(admin).put("/caseguard/internal-domains/" + DOMAIN).then().statusCode(204);
            given().spec(admin).body("{\"givenName\":\"Maria\",\"familyName\":\"Lopez\"}").put("/caseguard/clients/C-1").then().statusCode(204);
            given().spec(admin).body("{\"clients\":[\"C-1\"]}").put("/caseguard/cases/" + CASE_NUMBER).then().statusCode(204);
        }
    }

    private RequestSpecification admin(String subject) {
        return new RequestSpecBuilder().setBaseUri("http://127.0.0.1").setPort(webAdmin).setContentType(ContentType.JSON)
            .addHeader("Authorization", "Bearer " + WebAdminTokens.mint(home, subject, Duration.ofHours(1), Clock.systemUTC())).build();
    }

    private void stopGracefully() throws Exception {
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private Set<String> deliveredOutside() {
        Set<String> ids = new HashSet<>();
        for (OutsideWorld.Received mail : outside.received()) {
            mail.raw().lines().filter(line -> line.regionMatches(true, 0, "Message-ID:", 0, 11)).findFirst()
                .ifPresent(line -> ids.add(line.substring(11).trim()));
        }
        return ids;
    }

    /** Every journaled message, opened as the server opens its journal, grouped by the Message-ID of its exact bytes. */
    private Map<String, List<List<JournalRecord>>> journaledByMessageId() throws Exception {
        Properties properties = new Properties();
        Path file = home.resolve("conf/caseguard.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        Map<String, List<List<JournalRecord>>> byMessageId = new HashMap<>();
        JdbcLeafStore leaves = LeafStores.open(properties, home);
        try (Journal journal = Journal.open(leaves, ContentStores.open(properties, home, leaves.dataSource()), Clock.systemUTC())) {
            for (String sender : STAFF) {
                List<Journal.MessageSummary> found = journal.search(new JournalSearch(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.of(sender), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), JournalSearch.MAX_LIMIT));
                assertThat(found).as("fewer than the search limit per sender").hasSizeLessThan(JournalSearch.MAX_LIMIT);
                for (Journal.MessageSummary summary : found) {
                    if (summary.originalKey().isPresent()) {
                        continue;
                    }
                    String messageId = new MimeMessage((Session) null, new ByteArrayInputStream(journal.content(summary.messageKey()))).getMessageID();
                    byMessageId.computeIfAbsent(messageId, id -> new ArrayList<>()).add(journal.records(summary.messageKey()));
                }
            }
        }
        return byMessageId;
    }

    @SuppressWarnings("unchecked")
    private static String outcome(List<JournalRecord> records, String recipient) {
        return records.stream().filter(record -> record.kind().equals("verdicts"))
            .flatMap(record -> ((List<Map<String, Object>>) record.fields().get("recipients")).stream())
            .filter(verdict -> recipient.equals(verdict.get("recipient")))
            .map(verdict -> {
                List<String> rules = (List<String>) verdict.get("rules");
                return verdict.get("outcome") + (rules == null || rules.isEmpty() ? "" : ":" + String.join(",", rules));
            })
            .findFirst().orElse("none");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
