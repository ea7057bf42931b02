package org.caseguard.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.eventually;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * Deployment as an agency admin would do it: James's own MemoryJamesServerMain, in its own JVM with only James's
 * class path (stock-james module), the packaged extension jar in extensions-jars/ and the shipped conf files.
 * Nothing of caseguard is on that JVM's class path except the jar James loads itself.
 */
class StockJamesDeploymentTest {
    @TempDir
    Path home;

    private Process james;
    private OutsideWorld outside;

    @AfterEach
    void stop() throws Exception {
        if (james != null) {
            james.destroy();
            if (!james.waitFor(30, TimeUnit.SECONDS)) {
                james.destroyForcibly();
            }
        }
        if (outside != null) {
            outside.close();
        }
        Path log = home.resolve("james.log");
        if (Files.exists(log)) {
            Files.copy(log, Path.of("target", "stock-james-deployment.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Ports(int smtp, int submission, int imap, int webAdmin) {
    }

    private Ports ports;
    private File log;

    /** Installs the shipped conf of {@code profile} the way an admin would, and starts James's own main on it. */
    private RequestSpecification startStockJames(CaseguardProfile profile) throws Exception {
        Path extensionJar = Path.of(System.getProperty("caseguard.extensionJar"));
        String jamesClasspath = Files.readString(Path.of(System.getProperty("caseguard.jamesClasspath")), StandardCharsets.UTF_8).trim();
        assertThat(extensionJar).exists();
        assertThat(jamesClasspath).doesNotContain("caseguard");

        outside = OutsideWorld.start();
        Path conf = home.resolve("conf");
        ConfInstaller.installMissing(conf, profile);
        ports = new Ports(freePort(), freePort(), freePort(), freePort());
        ConfInstaller.setPorts(conf, ports.smtp(), ports.submission(), ports.imap(), ports.webAdmin());
        ConfInstaller.setRemoteDeliveryGateway(conf, "127.0.0.1", outside.port());
        Files.createDirectories(home.resolve("extensions-jars"));
        Files.copy(extensionJar, home.resolve("extensions-jars/caseguard-extension.jar"));

        // WebAdmin is authenticated in the shipped conf: the admin makes the key pair and a token with the extension jar's
        // own command, on James's class path, before the first start.
        tokenCommand(jamesClasspath, extensionJar, "keys", home.toString());
        String token = tokenCommand(jamesClasspath, extensionJar, "token", home.toString(), "deploy-test");

        log = home.resolve("james.log").toFile();
        james = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx768m", "-cp", jamesClasspath,
            "-Dworking.directory=" + home,
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "org.apache.james.MemoryJamesServerMain")
            .redirectErrorStream(true).redirectOutput(log).start();

        RequestSpecification anonymous = new RequestSpecBuilder().setBaseUri("http://127.0.0.1").setPort(ports.webAdmin())
            .setContentType(ContentType.JSON).build();
        RequestSpecification admin = new RequestSpecBuilder().addRequestSpecification(anonymous)
            .addHeader("Authorization", "Bearer " + token).build();
        eventually().atMost(Duration.ofSeconds(90)).ignoreExceptions()
            .until(() -> !james.isAlive() || given().spec(admin).get("/domains").statusCode() == 200);
        assertThat(james.isAlive()).as("James started; log: %s", Files.readString(log.toPath())).isTrue();
        given().spec(anonymous).get("/domains").then().statusCode(401);
        given().spec(anonymous).get("/caseguard/internal-domains").then().statusCode(401);
        return admin;
    }

    private static String tokenCommand(String jamesClasspath, Path extensionJar, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", jamesClasspath + File.pathSeparator + extensionJar, "org.caseguard.mailets.webadmin.WebAdminTokens"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("WebAdminTokens %s: %s", arguments[0], output).isZero();
        return output;
    }

    @Test
    void extensionJarAndShippedConfEnforceTheFirewallInStockJames() throws Exception {
        RequestSpecification admin = startStockJames(CaseguardProfile.FIREWALL);
        int smtp = ports.smtp();
        int submission = ports.submission();
        int imap = ports.imap();

        given().spec(admin).put("/domains/agency.example").then().statusCode(204);
        given().spec(admin).body("{\"password\":\"" + StaffMail.PASSWORD + "\"}").put("/users/alice@agency.example").then().statusCode(204);
        given().spec(admin).put("/caseguard/internal-domains/agency.example").then().statusCode(204);
        given().spec(admin).body("{\"givenName\":\"Maria\",\"familyName\":\"Lopez\"}").put("/caseguard/clients/C-1").then().statusCode(204);
        given().spec(admin).body("{\"clients\":[\"C-1\"]}").put("/caseguard/cases/2024-CW-00123").then().statusCode(204);
        // The second extension route class of the shipped webadmin.properties is installed by a stock James too.
        given().spec(admin).header("X-Caseguard-Actor", "deploy-test").body("{\"consentedAddress\":\"maria@mail.test\"}")
            .put("/caseguard/consents/C-1").then().statusCode(204);
        given().spec(admin).get("/caseguard/consents/C-1/history").then().statusCode(200);

        StaffMail mail = new StaffMail(submission, smtp, imap);
        String ordinary = Messages.uniqueId();
        mail.send("alice@agency.example", Messages.plain("alice@agency.example", "vendor@supplies.test", "Toner", "Two cartridges please.", ordinary),
            "vendor@supplies.test");
        mail.send("alice@agency.example", Messages.plain("alice@agency.example", "friend@gmail.test", "Update",
            "Maria Lopez's hearing moved."), "friend@gmail.test");

        // Attachments are read by Tika on the commons-io/compress that the stock James provides (parent-first):
        // a Word document with the case number must be classified (FW-2), not held as unreadable (TAG-1).
        java.io.ByteArrayOutputStream docx = new java.io.ByteArrayOutputStream();
        try (org.apache.poi.xwpf.usermodel.XWPFDocument document = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            document.createParagraph().createRun().setText("Court report for case 2024-CW-00123");
            document.write(docx);
        }
        mail.send("alice@agency.example", org.caseguard.server.support.Mime.multipart("alice@agency.example", "court@county.test", "Report",
            Messages.uniqueId(),
            org.caseguard.server.support.Mime.part("text/plain; charset=UTF-8", "7bit", null, "Report attached."),
            org.caseguard.server.support.Mime.attachment("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "report.docx", docx.toByteArray())), "court@county.test");

        eventually().until(() -> outside.receivedBy("vendor@supplies.test").stream().anyMatch(m -> m.raw().contains(ordinary)));
        eventually().until(() -> mail.withHeader("alice@agency.example", "X-Caseguard-Notice", "rules=FW-2").size() == 2);
        assertThat(mail.withHeader("alice@agency.example", "X-Caseguard-Notice", "rules=TAG-1")).isEmpty();
        assertThat(outside.receivedBy("court@county.test")).isEmpty();
        assertThat(outside.receivedBy("friend@gmail.test")).isEmpty();
        assertThat(outside.received()).hasSize(1);
        List<String> log2 = Files.readAllLines(log.toPath());
        assertThat(log2).anyMatch(line -> line.contains("caseguard verdict") && line.contains("FW-2:refuse"));
        assertThat(String.join("\n", log2)).doesNotContain("Lopez").doesNotContain("friend@gmail.test");
    }

    @Test
    void theConsentProfileRunsInStockJamesWithItsFormsAndAutomaticReplies() throws Exception {
        RequestSpecification admin = startStockJames(CaseguardProfile.CONSENT);
        given().spec(admin).put("/domains/agency.example").then().statusCode(204);
        given().spec(admin).body("{\"password\":\"" + StaffMail.PASSWORD + "\"}").put("/users/alice@agency.example").then().statusCode(204);
        given().spec(admin).put("/caseguard/internal-domains/agency.example").then().statusCode(204);
        given().spec(admin).body("{\"givenName\":\"Dana\",\"familyName\":\"Okafor\"}").put("/caseguard/clients/C-1").then().statusCode(204);
        given().spec(admin).body("{\"givenName\":\"Rosa\",\"familyName\":\"Quintero\"}").put("/caseguard/clients/C-2").then().statusCode(204);
        given().spec(admin).header("X-Caseguard-Actor", "deploy-test")
            .body(org.caseguard.server.support.ConsentRecords.eligible("C-1", "dana@mail.test").json()).put("/caseguard/consents/C-1").then().statusCode(204);
        given().spec(admin).header("X-Caseguard-Actor", "deploy-test")
            .body(org.caseguard.server.support.ConsentRecords.eligible("C-2", "rosa@mail.test").preferredContact("telephone").json())
            .put("/caseguard/consents/C-2").then().statusCode(204);

        StaffMail mail = new StaffMail(ports.submission(), ports.smtp(), ports.imap());
        // Staff to an eligible client: never in clear; without encryption set up, refused under ENC-2.
        mail.send("alice@agency.example", Messages.plain("alice@agency.example", "dana@mail.test", "Your appointment [purpose: appointment-reminder]",
            "Hi Dana, this is a reminder of your appointment on Tuesday at 10:00 at the clinic. Please arrive ten minutes early."),
            "dana@mail.test");
        // A client who has not chosen email writes in: delivered, and answered asking for telephone or mail (CN-6).
        String fromRosa = Messages.uniqueId();
        mail.sendFromOutside("rosa@mail.test", Messages.plain("rosa@mail.test", "alice@agency.example", "Question",
            "Can we talk about my next visit?", fromRosa), "alice@agency.example");

        eventually().until(() -> mail.withHeader("alice@agency.example", "X-Caseguard-Notice", "rules=ENC-2").size() == 1);
        eventually().until(() -> outside.receivedBy("rosa@mail.test").stream()
            .anyMatch(m -> m.raw().contains("Auto-Submitted: auto-replied") && m.raw().contains(fromRosa)));
        assertThat(outside.receivedBy("dana@mail.test")).isEmpty();
        assertThat(mail.withHeader("alice@agency.example", "Message-ID", fromRosa)).singleElement().asString()
            .contains("X-Caseguard-Consent: not-in-effect");
    }
}
