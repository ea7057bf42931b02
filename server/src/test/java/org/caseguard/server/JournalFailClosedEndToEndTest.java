package org.caseguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseguard.server.support.PipelineFixture.ALICE;
import static org.caseguard.server.support.PipelineFixture.BOB;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.caseguard.server.support.Messages;
import org.caseguard.server.support.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * JRN-2 on the production backend: the journal's PostgreSQL is stopped in the middle of a stream of messages and
 * started again. Nothing sent while it is away is delivered (nothing unjournaled), and once it is back every message
 * is delivered exactly once and journaled exactly once (checked by the closing audit), and verify passes.
 */
class JournalFailClosedEndToEndTest {
    private static final String ACTOR = "privacy-officer@agency.example";

    @TempDir
    static Path workingDirectory;
    @TempDir
    static Path postgresData;

    static int port;
    static EmbeddedPostgres postgres;
    static PipelineFixture fixture;

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(postgresData).setCleanDataDirectory(false).setPort(port).start();
    }

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE caseguard_journal");
        }
        Path conf = Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve("journal-db-password"), "postgres\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("caseguard.properties"), String.join("\n",
            "journal.backend=postgresql",
            "journal.jdbc.url=" + postgres.getJdbcUrl("postgres", "caseguard_journal"),
            "journal.jdbc.user=postgres",
            "journal.jdbc.passwordFile=journal-db-password", ""));
        fixture = PipelineFixture.start(workingDirectory, xml -> xml.replace("<retryDelays>1s, 5s, 30s, 60s</retryDelays>", "<retryDelays>1s, 2s</retryDelays>"));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            fixture.close();
        } finally {
            postgres.close();
        }
    }

    private static List<String> send(int count, String batch) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Messages.uniqueId();
            fixture.mail.send(ALICE, Messages.plain(ALICE, BOB, batch + " " + i, "Staff note " + i, id), BOB);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void jrn2WithTheJournalDatabaseAwayNothingIsDeliveredAndOnceItIsBackEverythingIsDeliveredOnce() throws Exception {
        List<String> before = send(10, "before");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.mail.inboxMessageIds(BOB).containsAll(before));

        postgres.close();
        List<String> during = send(10, "during");
        Thread.sleep(8_000);
        assertThat(fixture.mail.inboxMessageIds(BOB)).as("JRN-2: nothing is delivered while the journal cannot be written")
            .doesNotContainAnyElementsOf(during);

        postgres = startPostgres();
        List<String> after = send(5, "after");
        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
            .until(() -> fixture.mail.inboxMessageIds(BOB).containsAll(all));
        List<String> inbox = fixture.mail.inboxMessageIds(BOB);
        for (String id : all) {
            assertThat(inbox.stream().filter(id::equals).count()).as("message %s delivered once", id).isEqualTo(1);
        }

        JsonPath report = fixture.as(ACTOR).post("/caseguard/journal/verify").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("passed")).as(report.prettify()).isTrue();
    }
}
