package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.actor;
import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.caseParam;
import static org.caseguard.mailets.webadmin.RouteResponses.jsonObject;
import static org.caseguard.mailets.webadmin.RouteResponses.noContent;
import static org.caseguard.mailets.webadmin.RouteResponses.notFound;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.journal.retention.CaseLifecycle;
import org.caseguard.journal.retention.DisposalCertificate;
import org.caseguard.journal.retention.DisposalPlan;
import org.caseguard.journal.retention.Disposals;
import org.caseguard.mailets.JournalServices;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Retention (JRN-5) and disposal (JRN-6) under {@code /caseguard/retention}: a case's program, closures and
 * reopenings; legal holds with reason and owner; the schedule; what is due on a day; disposal runs (requested,
 * approved by a second person when configured) and their signed certificates. Every change names its actor.
 */
public class RetentionRoutes implements Routes {
    public static final String BASE = "/caseguard/retention";
    private static final Logger AUDIT = LoggerFactory.getLogger("caseguard.retention.audit");

    private final JournalServices services;
    private final CaseLifecycle lifecycle;
    private final Disposals disposals;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public RetentionRoutes(JournalServices services) {
        this.services = services;
        this.lifecycle = services.lifecycle();
        this.disposals = services.disposals();
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE + "/schedule", (request, response) -> schedule(), json);
        service.get(BASE + "/cases/:case", (request, response) -> {
            String caseId = caseParam(request);
            CaseLifecycle.CaseFacts facts = lifecycle.facts(caseId);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("case", caseId);
            facts.program().ifPresent(program -> body.put("program", program));
            facts.closedOn().ifPresent(closed -> body.put("closedOn", closed.toString()));
            body.put("holds", lifecycle.holdsOf(caseId).stream().map(RetentionRoutes::hold).toList());
            return body;
        }, json);
        service.put(BASE + "/cases/:case/program", (request, response) -> {
            String actor = actor(request);
            String caseId = caseParam(request);
            Object program = jsonObject(request).get("program");
            if (program != null && !(program instanceof String)) {
                throw badRequest("\"program\": a text, or null for none");
            }
            invalidAs400(() -> lifecycle.setProgram(caseId, Optional.ofNullable((String) program).filter(value -> !value.isBlank()), actor));
            AUDIT.info("caseguard retention program rule=JRN-5 actor={}", actor);
            return noContent(response);
        });
        service.post(BASE + "/cases/:case/events", (request, response) -> {
            String actor = actor(request);
            String caseId = caseParam(request);
            Map<String, Object> body = jsonObject(request);
            CaseLifecycle.Event event = switch (String.valueOf(body.get("event"))) {
                case "closed" -> CaseLifecycle.Event.CLOSED;
                case "reopened" -> CaseLifecycle.Event.REOPENED;
                default -> throw badRequest("\"event\": must be closed or reopened, got \"" + body.get("event") + "\"");
            };
            LocalDate on = date("on", body.get("on"));
            invalidAs400(() -> lifecycle.recordEvent(caseId, event, on, actor));
            AUDIT.info("caseguard retention case event rule=JRN-5 actor={} event={}", actor, event);
            return noContent(response);
        });
        service.post(BASE + "/holds", (request, response) -> {
            String actor = actor(request);
            Map<String, Object> body = jsonObject(request);
            CaseLifecycle.Hold hold = invalidAs400(() -> lifecycle.placeHold(text(body, "case"), text(body, "reason"), text(body, "owner"), actor));
            AUDIT.info("caseguard retention hold placed rule=JRN-5 actor={} hold={}", actor, hold.holdId());
            response.status(HttpStatus.CREATED_201);
            return hold(hold);
        }, json);
        service.get(BASE + "/holds", (request, response) -> {
            Optional<String> caseId = Optional.ofNullable(request.queryParams("case"));
            return (caseId.isPresent() ? lifecycle.holdsOf(caseId.get()) : lifecycle.activeHolds()).stream().map(RetentionRoutes::hold).toList();
        }, json);
        service.post(BASE + "/holds/:hold/release", (request, response) -> {
            String actor = actor(request);
            String holdId = request.params("hold");
            CaseLifecycle.Hold hold = lifecycle.hold(holdId).orElseThrow(() -> notFound("no legal hold " + holdId));
            if (!hold.active()) {
                throw conflict("legal hold " + holdId + " was released already");
            }
            String reason = text(jsonObject(request), "reason");
            invalidAs400(() -> lifecycle.releaseHold(holdId, reason, actor));
            AUDIT.info("caseguard retention hold released rule=JRN-5 actor={} hold={}", actor, holdId);
            return noContent(response);
        });
        service.get(BASE + "/due", (request, response) -> plan(disposals.preview(asOf(request.queryParams("asOf")))), json);
        service.post(BASE + "/disposals", (request, response) -> {
            String actor = actor(request);
            Object asOf = jsonObject(request).get("asOf");
            Disposals.Run run = disposals.request(asOf == null ? today() : date("asOf", asOf), actor);
            AUDIT.info("caseguard retention disposal requested rule=JRN-6 actor={} run={} status={}", actor, run.runId(), run.status());
            response.status(HttpStatus.CREATED_201);
            return run(run);
        }, json);
        service.get(BASE + "/disposals", (request, response) -> disposals.runs().stream().map(RetentionRoutes::run).toList(), json);
        service.get(BASE + "/disposals/:run", (request, response) -> run(existingRun(request)), json);
        service.post(BASE + "/disposals/:run/approve", (request, response) -> {
            String actor = actor(request);
            Disposals.Run run = existingRun(request);
            try {
                Disposals.Run done = disposals.approve(run.runId(), actor);
                AUDIT.info("caseguard retention disposal approved rule=JRN-6 actor={} run={}", actor, run.runId());
                return run(done);
            } catch (Disposals.DisposalConflictException e) {
                throw conflict(e.getMessage());
            }
        }, json);
        service.post(BASE + "/disposals/:run/reject", (request, response) -> {
            String actor = actor(request);
            Disposals.Run run = existingRun(request);
            try {
                return run(disposals.reject(run.runId(), actor));
            } catch (Disposals.DisposalConflictException e) {
                throw conflict(e.getMessage());
            }
        }, json);
        service.get(BASE + "/disposals/:run/certificate", (request, response) -> {
            DisposalCertificate certificate = certificate(request);
            response.type("application/json");
            response.raw().getOutputStream().write(certificate.document());
            return "";
        });
        service.get(BASE + "/disposals/:run/certificate.sig", (request, response) -> {
            DisposalCertificate certificate = certificate(request);
            response.type("application/octet-stream");
            response.raw().getOutputStream().write(certificate.signature());
            return "";
        });
        service.get(BASE + "/public-key", (request, response) -> {
            response.type("application/x-pem-file");
            return services.signer().publicKeyPem();
        });
    }

    private Disposals.Run existingRun(Request request) {
        String runId = request.params("run");
        return disposals.run(runId).orElseThrow(() -> notFound("no disposal run " + runId));
    }

    private DisposalCertificate certificate(Request request) {
        Disposals.Run run = existingRun(request);
        return disposals.certificate(run.runId()).orElseThrow(() -> notFound("disposal run " + run.runId() + " has no certificate (it is "
            + run.status().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }

    private LocalDate today() {
        return LocalDate.now(disposals.schedule().zone());
    }

    private LocalDate asOf(String value) {
        return value == null ? today() : date("asOf", value);
    }

    private Map<String, Object> schedule() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zone", disposals.schedule().zone().getId());
        body.put("approvals", disposals.schedule().approvals());
        disposals.schedule().every().ifPresent(every -> body.put("every", every.toString()));
        body.put("items", disposals.schedule().items().stream().map(item -> Map.of("id", item.id(), "rule", item.describe())).toList());
        return body;
    }

    private static Map<String, Object> plan(DisposalPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", plan.asOf().toString());
        body.put("due", plan.due().stream().map(message -> {
            Map<String, Object> due = new LinkedHashMap<>();
            due.put("key", message.messageKey());
            due.put("copies", message.copies());
            due.put("cases", message.cases());
            due.put("scheduleItems", message.scheduleItems());
            due.put("dueOn", message.dueOn().toString());
            return due;
        }).toList());
        body.put("kept", plan.kept());
        return body;
    }

    private static Map<String, Object> run(Disposals.Run run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", run.runId());
        body.put("status", run.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("asOf", run.asOf().toString());
        body.put("requestedBy", run.requestedBy());
        body.put("requestedAt", run.requestedAt().toString());
        body.put("planned", run.planned().size());
        run.approvedBy().ifPresent(approver -> body.put("approvedBy", approver));
        run.executedAt().ifPresent(at -> body.put("executedAt", at.toString()));
        return body;
    }

    private static Map<String, Object> hold(CaseLifecycle.Hold hold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hold", hold.holdId());
        body.put("case", hold.caseId());
        body.put("reason", hold.reason());
        body.put("owner", hold.owner());
        body.put("placedBy", hold.placedBy());
        body.put("placedAt", hold.placedAt().toString());
        body.put("active", hold.active());
        hold.releasedBy().ifPresent(value -> body.put("releasedBy", value));
        hold.releasedAt().ifPresent(value -> body.put("releasedAt", value.toString()));
        hold.releaseReason().ifPresent(value -> body.put("releaseReason", value));
        return body;
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw badRequest("\"" + field + "\": required text");
        }
        return text;
    }

    private static LocalDate date(String field, Object value) {
        if (!(value instanceof String text)) {
            throw badRequest("\"" + field + "\": required, a date such as 2024-03-10");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw badRequest("\"" + field + "\": must be a date such as 2024-03-10, got \"" + text + "\"");
        }
    }

    private static <T> T invalidAs400(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static void invalidAs400(Runnable action) {
        invalidAs400(() -> {
            action.run();
            return null;
        });
    }

    private static HaltException conflict(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.WRONG_STATE).message(message).haltError();
    }
}
