package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.actor;
import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.caseParam;
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
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.core.detect.SearchTerms;
import org.caseguard.journal.VerificationReport;
import org.caseguard.journal.content.ContentUnavailableException;
import org.caseguard.journal.entry.JournalRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalSearch;
import org.caseguard.journal.store.JournalUnavailableException;
import org.caseguard.journal.store.JournalVerifier;
import org.caseguard.mailets.JournalServices;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The journal (JRN-3, JRN-4, JRN-7) under {@code /caseguard/journal}: search messages by case, client, participant,
 * rule and receipt time; read a message's records and its exact bytes; export a case; run {@code verify}. Every
 * request names who asks ({@code X-Caseguard-Actor}); the access is recorded in the journal itself before the answer
 * (its key in {@value #ACCESS_HEADER}) and logged by rule and opaque key, never content.
 */
public class JournalRoutes implements Routes {
    public static final String BASE = "/caseguard/journal";
    private static final Logger ACCESS = LoggerFactory.getLogger("caseguard.journal.access");
    /** The key of the journal's access record for the request: {@code GET /messages/{key}} shows it. */
    public static final String ACCESS_HEADER = "X-Caseguard-Journal-Access";

    private final Journal journal;
    private final JournalServices services;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public JournalRoutes(JournalServices services) {
        this.services = services;
        this.journal = services.journal();
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
            List<Journal.MessageSummary> found = journal.search(search);
            String access = recordAccess(response, actor, "search", criteriaOf(search, journal), found.stream().map(Journal.MessageSummary::messageKey).toList());
            ACCESS.info("caseguard journal search rule=JRN-7 actor={} criteria={} access={}", actor, criteria(search), access);
            return found.stream().map(JournalRoutes::summary).toList();
        }, json);
        service.get(BASE + "/messages/:key", (request, response) -> {
            String actor = actor(request);
            String key = request.params("key");
            List<JournalRecord> records = journal.records(key);
            if (records.isEmpty()) {
                throw missing(key);
            }
            String access = recordAccess(response, actor, "view", Map.of(), List.of(key));
            ACCESS.info("caseguard journal view rule=JRN-7 actor={} key={} access={}", actor, key, access);
            return records.stream().map(record -> Map.of("kind", record.kind(), "at", record.recordedAt().toString(), "fields", record.fields())).toList();
        }, json);
        service.get(BASE + "/messages/:key/content", (request, response) -> {
            String actor = actor(request);
            String key = request.params("key");
            if (journal.records(key).isEmpty()) {
                throw missing(key);
            }
            try {
                byte[] bytes = journal.content(key);
                String access = recordAccess(response, actor, "content", Map.of(), List.of(key));
                ACCESS.info("caseguard journal content rule=JRN-7 actor={} key={} access={}", actor, key, access);
                response.type("message/rfc822");
                response.raw().getOutputStream().write(bytes);
                return "";
            } catch (ContentUnavailableException e) {
                response.status(410);
                return "content " + e.reason().name().toLowerCase(java.util.Locale.ROOT) + " (JRN-6 disposal or damage; run verify)";
            }
        });
        service.get(BASE + "/cases/:case/export", this::export);
        service.get(BASE + "/accesses", this::accesses, json);
        service.post(BASE + "/verify", (request, response) -> {
            String actor = actor(request);
            VerificationReport report = new JournalVerifier(journal, List.of(services.signer().publicKey())).verify();
            recordAccess(response, actor, "verify", Map.of(), List.of());
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

    /**
     * A case's record for discovery: {@code format=zip} (default; entries, exact messages, manifest with proofs, public
     * key, verification script) or {@code format=mbox}. Recorded in the journal with every message disclosed.
     */
    private Object export(Request request, Response response) throws java.io.IOException {
        String actor = actor(request);
        String caseId = caseParam(request);
        String format = Optional.ofNullable(request.queryParams("format")).orElse("zip");
        if (!format.equals("zip") && !format.equals("mbox")) {
            throw badRequest("\"format\": must be zip or mbox, got \"" + format + "\"");
        }
        List<String> keys = journal.allMessagesOfCase(caseId);
        if (keys.isEmpty()) {
            throw notFound("no journaled message is bound to case " + caseId);
        }
        String access = recordAccess(response, actor, "export", Map.of("case", caseId, "format", format), keys);
        ACCESS.info("caseguard journal export rule=JRN-7 actor={} format={} messages={} access={}", actor, format, keys.size(), access);
        // Streamed as it is written: a case's record can be larger than the heap. A failure half-way leaves a
        // truncated zip, which fails verification, and the access record says what was asked for.
        response.type(format.equals("zip") ? "application/zip" : "application/mbox");
        response.header("Content-Disposition", "attachment; filename=\"case-export-" + access + "." + format + "\"");
        java.io.OutputStream body = response.raw().getOutputStream();
        if (format.equals("zip")) {
            services.export().writeZip(caseId, body);
        } else {
            services.export().writeMbox(caseId, body);
        }
        body.flush();
        return "";
    }

    /**
     * JRN-7 audit: who searched, viewed, exported or verified what, newest first, by {@code actor}, {@code case} (asked
     * for, or a message of it disclosed), {@code message} (disclosed), {@code from}/{@code to}. Recorded itself.
     */
    private Object accesses(Request request, Response response) {
        String actor = actor(request);
        Optional<String> caseId = param(request, "case");
        Optional<String> messageKey = param(request, "message");
        Optional<Instant> from = param(request, "from").map(value -> instant("from", value));
        Optional<Instant> to = param(request, "to").map(value -> instant("to", value));
        int limit = intParam(request, "limit", 1, JournalSearch.MAX_LIMIT, 100);
        Map<String, String> criteria = new java.util.TreeMap<>();
        param(request, "actor").ifPresent(value -> criteria.put("actor", value));
        caseId.ifPresent(value -> criteria.put("case", value));
        messageKey.ifPresent(value -> criteria.put("message", value));
        from.ifPresent(value -> criteria.put("from", value.toString()));
        to.ifPresent(value -> criteria.put("to", value.toString()));
        List<Journal.AccessSummary> found = journal.accesses(param(request, "actor"), caseId, messageKey, from, to, limit);
        String access = recordAccess(response, actor, "audit", criteria, List.of());
        ACCESS.info("caseguard journal audit rule=JRN-7 actor={} found={} access={}", actor, found.size(), access);
        return found.stream().map(summary -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("access", summary.accessKey());
            item.put("recordedAt", summary.recordedAt().toString());
            item.put("actor", summary.actor());
            item.put("action", summary.action());
            summary.caseId().ifPresent(value -> item.put("case", value));
            item.put("messagesDisclosed", summary.messagesDisclosed());
            return item;
        }).toList();
    }

    /** 410 for a message a disposal run destroyed (naming the run, whose certificate lists it), else 404. */
    private HaltException missing(String key) {
        Optional<String> run = journal.disposedBy(key);
        if (run.isPresent()) {
            return ErrorResponder.builder().statusCode(HttpStatus.GONE_410).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("message " + key + " was disposed of by disposal run " + run.get() + " (JRN-6); its certificate lists it").haltError();
        }
        return notFound("no journaled message with key " + key);
    }

    /** JRN-7: the access goes into the journal before the answer is given; without it there is no answer (503). */
    private String recordAccess(Response response, String actor, String action, Map<String, String> criteria, List<String> keys) {
        try {
            String access = journal.recordAccess(actor, action, criteria, keys);
            response.header(ACCESS_HEADER, access);
            return access;
        } catch (JournalUnavailableException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.SERVICE_UNAVAILABLE_503).type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("the journal cannot record this access now (JRN-7), so it is not answered; try again").haltError();
        }
    }

    /**
     * The criteria as the access record keeps them. Searched words are kept as the index keeps them, as keyed hashes
     * ({@code textTerms}): the access record outlives every disposal, and a word searched for is often a client's
     * name. The same words searched again give the same hashes, so an auditor can still tell what was asked.
     */
    private static Map<String, String> criteriaOf(JournalSearch search, Journal journal) {
        Map<String, String> criteria = new java.util.TreeMap<>();
        search.caseId().ifPresent(value -> criteria.put("case", value));
        search.clientId().ifPresent(value -> criteria.put("client", value));
        search.participant().ifPresent(value -> criteria.put("participant", value));
        search.rule().ifPresent(value -> criteria.put("rule", value));
        search.from().ifPresent(value -> criteria.put("from", value.toString()));
        search.to().ifPresent(value -> criteria.put("to", value.toString()));
        if (!search.words().isEmpty()) {
            criteria.put("textTerms", String.join(" ", journal.termDigests(search.words())));
        }
        return criteria;
    }

    private static JournalSearch search(Request request) {
        try {
            return new JournalSearch(param(request, "case"), param(request, "client"), param(request, "participant"), param(request, "rule"),
                param(request, "from").map(value -> instant("from", value)), param(request, "to").map(value -> instant("to", value)),
                intParam(request, "limit", 1, JournalSearch.MAX_LIMIT, 100), words(param(request, "text")));
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** Full text (JRN-3): every word must be in the message, normalised as indexed words are (case, accents, look-alikes). */
    private static java.util.Set<String> words(Optional<String> text) {
        if (text.isEmpty()) {
            return java.util.Set.of();
        }
        if (text.get().length() > 500) {
            throw badRequest("\"text\": at most 500 characters");
        }
        java.util.Set<String> words;
        try {
            words = SearchTerms.ofQuery(text.get());
        } catch (IllegalArgumentException e) {
            throw badRequest("\"text\": " + e.getMessage());
        }
        if (words.isEmpty() || words.size() > JournalSearch.MAX_WORDS) {
            throw badRequest("\"text\": 1 to " + JournalSearch.MAX_WORDS + " words of " + SearchTerms.MIN_LENGTH + " to "
                + SearchTerms.MAX_LENGTH + " letters or digits, got " + words.size());
        }
        return words;
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
        if (!search.words().isEmpty()) {
            text.append("text ");
        }
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
