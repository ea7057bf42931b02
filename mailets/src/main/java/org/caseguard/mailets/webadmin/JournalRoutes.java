package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.actor;
import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.intParam;
import static org.caseguard.mailets.webadmin.RouteResponses.notFound;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.journal.VerificationReport;
import org.caseguard.journal.content.ContentUnavailableException;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalSearch;
import org.caseguard.journal.store.JournalVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Service;

/**
 * The journal (JRN-3, JRN-4, JRN-7) under {@code /caseguard/journal}: search messages by case, client, participant,
 * rule and receipt time; read a message's records and its exact bytes; run {@code verify}. Every request names who
 * asks ({@code X-Caseguard-Actor}) and is logged with what was asked, by rule and opaque key, never content.
 */
public class JournalRoutes implements Routes {
    public static final String BASE = "/caseguard/journal";
    private static final Logger ACCESS = LoggerFactory.getLogger("caseguard.journal.access");

    private final Journal journal;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public JournalRoutes(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE + "/messages", (request, response) -> {
            String actor = actor(request);
            JournalSearch search = search(request);
            ACCESS.info("caseguard journal search rule=JRN-7 actor={} criteria={}", actor, criteria(search));
            return journal.search(search).stream().map(JournalRoutes::summary).toList();
        }, json);
        service.get(BASE + "/messages/:key", (request, response) -> {
            String actor = actor(request);
            String key = request.params("key");
            List<JournalRecord> records = journal.records(key);
            if (records.isEmpty()) {
                throw notFound("no journaled message with key " + key);
            }
            ACCESS.info("caseguard journal view rule=JRN-7 actor={} key={}", actor, key);
            return records.stream().map(record -> Map.of("kind", record.kind(), "at", record.recordedAt().toString(), "fields", record.fields())).toList();
        }, json);
        service.get(BASE + "/messages/:key/content", (request, response) -> {
            String actor = actor(request);
            String key = request.params("key");
            if (journal.records(key).isEmpty()) {
                throw notFound("no journaled message with key " + key);
            }
            try {
                byte[] bytes = journal.content(key);
                ACCESS.info("caseguard journal content rule=JRN-7 actor={} key={}", actor, key);
                response.type("message/rfc822");
                response.raw().getOutputStream().write(bytes);
                return "";
            } catch (ContentUnavailableException e) {
                response.status(410);
                return "content " + e.reason().name().toLowerCase(java.util.Locale.ROOT) + " (JRN-6 disposal or damage; run verify)";
            }
        });
        service.post(BASE + "/verify", (request, response) -> {
            String actor = actor(request);
            VerificationReport report = new JournalVerifier(journal, List.of()).verify();
            ACCESS.info("caseguard journal verify rule=JRN-4 actor={} passed={}", actor, report.passed());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("passed", report.passed());
            body.put("leaves", report.leaves());
            body.put("entries", report.entries());
            body.put("disposedEntries", report.disposedEntries());
            body.put("treeHeads", report.treeHeads());
            body.put("problems", report.problems().stream().map(problem -> Map.of("kind", problem.kind().name(), "position", problem.position(),
                "detail", problem.detail())).toList());
            return body;
        }, json);
    }

    private static JournalSearch search(Request request) {
        try {
            return new JournalSearch(param(request, "case"), param(request, "client"), param(request, "participant"), param(request, "rule"),
                param(request, "from").map(value -> instant("from", value)), param(request, "to").map(value -> instant("to", value)),
                intParam(request, "limit", 1, JournalSearch.MAX_LIMIT, 100));
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static Optional<String> param(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest("\"" + name + "\": must be an ISO-8601 instant such as 2026-11-24T00:00:00Z, got \"" + value + "\"");
        }
    }

    private static String criteria(JournalSearch search) {
        StringBuilder text = new StringBuilder();
        search.caseId().ifPresent(value -> text.append("case "));
        search.clientId().ifPresent(value -> text.append("client "));
        search.participant().ifPresent(value -> text.append("participant "));
        search.rule().ifPresent(value -> text.append("rule=").append(value).append(' '));
        search.from().ifPresent(value -> text.append("from "));
        search.to().ifPresent(value -> text.append("to "));
        return text.toString().trim();
    }

    private static Map<String, Object> summary(Journal.MessageSummary message) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("key", message.messageKey());
        summary.put("receivedAt", message.receivedAt().toString());
        message.originalKey().ifPresent(original -> summary.put("original", original));
        summary.put("size", message.size());
        return summary;
    }
}
