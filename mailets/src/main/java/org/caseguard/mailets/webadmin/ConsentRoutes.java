package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.actor;
import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.noContent;
import static org.caseguard.mailets.webadmin.RouteResponses.notFound;
import static org.caseguard.mailets.webadmin.RouteResponses.page;
import static org.caseguard.mailets.webadmin.RouteResponses.validated;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.core.consent.ConsentChange;
import org.caseguard.core.consent.ConsentEligibility;
import org.caseguard.core.consent.ConsentJson;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentStore;
import org.caseguard.core.consent.ConsentValidation;
import org.caseguard.core.registry.ConsentBulkImport;
import org.caseguard.core.registry.RegistryStore;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the consent registry under {@code /caseguard/consents} (see docs/consent-registry.md).
 * Every write names who makes it in the {@value #ACTOR_HEADER} header, kept in the record's history. Errors are
 * 400 naming the field, unknown clients and records 404, writes 204. Nothing here logs: bodies hold addresses and
 * names (OPS-1).
 */
public class ConsentRoutes implements Routes {
    public static final String BASE = "/caseguard/consents";
    public static final String ACTOR_HEADER = RouteResponses.ACTOR_HEADER;

    private final RegistryStore registry;
    private final ConsentStore consents;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public ConsentRoutes(RegistryStore registry) {
        this.registry = registry;
        this.consents = registry.consents();
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, (request, response) -> {
            Optional<Instant> asOf = asOf(request);
            List<ConsentRecord> records = asOf.isPresent() ? consents.allAsOf(asOf.get()) : consents.all();
            return page(request, records).stream().map(ConsentJson::toJson).toList();
        }, json);
        service.post(BASE + "/import", this::importRecords, json);
        service.get(BASE + "/:clientId", (request, response) -> {
            String clientId = request.params("clientId");
            Optional<Instant> asOf = asOf(request);
            Optional<ConsentRecord> record = asOf.isPresent() ? consents.findAsOf(clientId, asOf.get()) : consents.find(clientId);
            return ConsentJson.toJson(record.orElseThrow(() -> notFound(asOf.isPresent()
                ? "no consent record for this client at that time" : "no consent record for this client")));
        }, json);
        service.get(BASE + "/:clientId/history", (request, response) -> {
            String clientId = request.params("clientId");
            List<ConsentChange> history = consents.history(clientId);
            if (history.isEmpty() && registry.findClient(clientId).isEmpty()) {
                throw notFound("no such client");
            }
            return history.stream().map(ConsentRoutes::view).toList();
        }, json);
        service.get(BASE + "/:clientId/eligibility", (request, response) -> {
            String clientId = request.params("clientId");
            requireClient(clientId);
            Instant at = asOf(request, "at").orElseGet(Instant::now);
            ZoneId zone = zone(request);
            ConsentEligibility answer = ConsentEligibility.evaluate(consents, clientId,
                Optional.ofNullable(request.queryParams("address")).filter(value -> !value.isBlank()), at, zone);
            return eligibilityView(answer);
        }, json);
        service.put(BASE + "/:clientId", (request, response) -> {
            String actor = actor(request);
            String clientId = request.params("clientId");
            requireClient(clientId);
            ConsentRecord record = validated(() -> ConsentValidation.parse(ConsentJson.tree(request.body()), Optional.of(clientId)));
            validated(() -> {
                consents.put(record, actor);
                return null;
            });
            return noContent(response);
        });
        service.delete(BASE + "/:clientId", (request, response) -> {
            String actor = actor(request);
            if (!consents.delete(request.params("clientId"), actor)) {
                throw notFound("no consent record for this client");
            }
            return noContent(response);
        });
        service.post(BASE + "/:clientId/revocation", (request, response) -> {
            String actor = actor(request);
            String clientId = request.params("clientId");
            ConsentRecord current = consents.find(clientId).orElseThrow(() -> notFound("no consent record for this client"));
            ConsentRecord revoked = validated(() -> ConsentValidation.revoke(current, ConsentJson.tree(request.body())));
            validated(() -> {
                consents.put(revoked, actor);
                return null;
            });
            return noContent(response);
        });
    }

    private Object importRecords(Request request, Response response) {
        String actor = actor(request);
        String format = Optional.ofNullable(request.queryParams("format")).orElse("jsonl");
        ConsentBulkImport importer = new ConsentBulkImport(registry);
        ConsentBulkImport.Result result = switch (format) {
            case "jsonl" -> importer.importJsonLines(request.body(), actor);
            case "csv" -> importer.importCsv(request.body(), actor);
            default -> throw badRequest("\"format\": must be jsonl or csv, got \"" + format + "\"");
        };
        if (!result.errors().isEmpty()) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return java.util.Map.of("statusCode", 400, "type", "InvalidArgument",
                "message", result.errors().size() + " invalid record(s); nothing was imported", "errors", result.errors());
        }
        return result.counts();
    }

    private void requireClient(String clientId) {
        if (registry.findClient(clientId).isEmpty()) {
            throw notFound("no such client: register it first under /caseguard/clients");
        }
    }

    /**
     * {@code asOf}: an ISO instant ({@code 2025-03-01T14:00:00Z}, or with an offset), or a date, meaning the end of
     * that day in UTC (the last state the registry held that day).
     */
    private static Optional<Instant> asOf(Request request) {
        return asOf(request, "asOf");
    }

    private static Optional<Instant> asOf(Request request, String parameter) {
        String value = request.queryParams(parameter);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000));
            } catch (DateTimeParseException notADate) {
                throw badRequest("\"" + parameter + "\": must be an ISO instant such as 2025-03-01T14:00:00Z or a date yyyy-mm-dd, got \"" + value + "\"");
            }
        }
    }

    private static ObjectNode view(ConsentChange change) {
        ObjectNode view = ConsentJson.mapper().createObjectNode();
        view.put("at", change.at().toString());
        view.put("changedBy", change.changedBy());
        view.put("field", change.field());
        view.put("oldValue", change.oldValue().orElse(null));
        view.put("newValue", change.newValue().orElse(null));
        return view;
    }

    private static ZoneId zone(Request request) {
        String value = Optional.ofNullable(request.queryParams("zone")).orElse(ZoneId.systemDefault().getId());
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            throw badRequest("\"zone\": must be a time zone ID such as America/Los_Angeles, got \"" + value + "\"");
        }
    }

    private static Map<String, Object> eligibilityView(ConsentEligibility answer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientId", answer.clientId());
        view.put("at", answer.at().toString());
        view.put("date", answer.date().toString());
        view.put("allowed", answer.allowed());
        view.put("recordExisted", answer.recordExisted());
        view.put("unmet", answer.unmet().stream().map(gap -> Map.of("condition", gap.name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-'), "explanation", gap.explanation())).toList());
        answer.address().ifPresent(address -> {
            view.put("address", address);
            view.put("addressRoles", answer.addressRoles().stream().map(kind -> kind.name().toLowerCase(java.util.Locale.ROOT)).toList());
        });
        return view;
    }
}
