package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.jsonObject;
import static org.caseguard.mailets.webadmin.RouteResponses.noContent;
import static org.caseguard.mailets.webadmin.RouteResponses.page;
import static org.caseguard.mailets.webadmin.RouteResponses.validated;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.core.registry.AllowListEntry;
import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.ExternalParty;
import org.caseguard.core.registry.RegistryBulkImport;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryValidation;
import org.eclipse.jetty.http.HttpStatus;


import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for caseguard's registries under {@code /caseguard} (see docs/webadmin-routes.md). Validation is
 * the core's {@link RegistryValidation}; errors are 400 with a message naming the field, unknown resources 404,
 * successful writes 204.
 */
public class CaseguardRoutes implements Routes {
    public static final String BASE = "/caseguard";

    private final RegistryStore registry;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public CaseguardRoutes(RegistryStore registry) {
        this.registry = registry;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE + "/internal-domains", (request, response) -> registry.internalDomains(), json);
        service.put(BASE + "/internal-domains/:domain", (request, response) -> {
            registry.addInternalDomain(validated(() -> RegistryValidation.domain("domain", request.params("domain"))));
            return noContent(response);
        });
        service.delete(BASE + "/internal-domains/:domain", (request, response) ->
            deleted(response, registry.removeInternalDomain(validated(() -> RegistryValidation.domain("domain", request.params("domain")))), "internal domain"));

        service.get(BASE + "/allow-list", (request, response) -> registry.allowList().stream().map(CaseguardRoutes::view).toList(), json);
        service.put(BASE + "/allow-list/:address", (request, response) -> {
            Map<String, Object> body = jsonObject(request);
            registry.addAllowListEntry(validated(() -> RegistryValidation.allowEntry(request.params("address"), Optional.empty(), body, number -> true)));
            return noContent(response);
        });
        service.delete(BASE + "/allow-list/:address", (request, response) -> deleted(response,
            registry.removeAllowListEntry(validated(() -> RegistryValidation.addressOrDomain("address", request.params("address"))), Optional.empty()),
            "allow-list entry"));
        service.put(BASE + "/cases/:number/allow-list/:address", (request, response) -> {
            Map<String, Object> body = jsonObject(request);
            String number = request.params("number");
            registry.addAllowListEntry(validated(() -> RegistryValidation.allowEntry(request.params("address"), Optional.of(number), body,
                candidate -> registry.findCase(candidate).isPresent())));
            return noContent(response);
        });
        service.delete(BASE + "/cases/:number/allow-list/:address", (request, response) -> deleted(response,
            registry.removeAllowListEntry(validated(() -> RegistryValidation.addressOrDomain("address", request.params("address"))),
                Optional.of(request.params("number"))), "allow-list entry"));

        service.get(BASE + "/parties", (request, response) -> registry.parties().stream().map(CaseguardRoutes::view).toList(), json);
        service.get(BASE + "/parties/:address", (request, response) -> registry.findParty(request.params("address"))
            .map(CaseguardRoutes::view).orElseThrow(() -> notFound("party")), json);
        service.put(BASE + "/parties/:address", (request, response) -> {
            Map<String, Object> body = jsonObject(request);
            registry.upsertParty(validated(() -> RegistryValidation.party(request.params("address"), body)));
            return noContent(response);
        });
        service.delete(BASE + "/parties/:address", (request, response) -> deleted(response,
            registry.deleteParty(validated(() -> RegistryValidation.addressOrDomain("address", request.params("address")))), "party"));

        service.get(BASE + "/cases", (request, response) -> page(request, registry.cases()).stream().map(CaseguardRoutes::view).toList(), json);
        service.get(BASE + "/cases/:number", (request, response) -> registry.findCase(request.params("number"))
            .map(CaseguardRoutes::view).orElseThrow(() -> notFound("case")), json);
        service.put(BASE + "/cases/:number", (request, response) -> {
            Map<String, Object> body = jsonObject(request);
            registry.upsertCase(validated(() -> RegistryValidation.caseRecord(request.params("number"), body,
                client -> registry.findClient(client).isPresent())));
            return noContent(response);
        });
        service.delete(BASE + "/cases/:number", (request, response) -> deleted(response, registry.deleteCase(request.params("number")), "case"));

        service.get(BASE + "/clients", (request, response) -> page(request, registry.clients()).stream().map(CaseguardRoutes::view).toList(), json);
        service.get(BASE + "/clients/:id", (request, response) -> registry.findClient(request.params("id"))
            .map(CaseguardRoutes::view).orElseThrow(() -> notFound("client")), json);
        service.put(BASE + "/clients/:id", (request, response) -> {
            Map<String, Object> body = jsonObject(request);
            registry.upsertClient(validated(() -> RegistryValidation.client(request.params("id"), body)));
            return noContent(response);
        });
        service.delete(BASE + "/clients/:id", (request, response) -> deleted(response, registry.deleteClient(request.params("id")), "client"));

        service.post(BASE + "/import", (request, response) -> {
            String format = Optional.ofNullable(request.queryParams("format")).orElse("jsonl");
            RegistryBulkImport importer = new RegistryBulkImport(registry);
            RegistryBulkImport.Result result = switch (format) {
                case "jsonl" -> importer.importJsonLines(request.body());
                case "csv" -> {
                    String type = Optional.ofNullable(request.queryParams("type"))
                        .orElseThrow(() -> badRequest("\"type\": required with format=csv, one of " + String.join(", ", RegistryBulkImport.TYPES)));
                    yield validated(() -> importer.importCsv(type, request.body()));
                }
                default -> throw badRequest("\"format\": must be jsonl or csv, got \"" + format + "\"");
            };
            if (!result.errors().isEmpty()) {
                response.status(HttpStatus.BAD_REQUEST_400);
                return Map.of("statusCode", 400, "type", "InvalidArgument",
                    "message", result.errors().size() + " invalid record(s); nothing was imported", "errors", result.errors());
            }
            return result.counts();
        }, json);
    }

    private static String deleted(Response response, boolean existed, String what) {
        if (!existed) {
            throw notFound(what);
        }
        return noContent(response);
    }

    private static HaltException notFound(String what) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND).message("no such " + what).haltError();
    }

    private static Map<String, Object> view(AllowListEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", entry.address());
        entry.caseNumber().ifPresent(number -> view.put("caseNumber", number));
        view.put("reason", entry.reason());
        view.put("encryptedOnly", entry.encryptedOnly());
        return view;
    }

    private static Map<String, Object> view(ExternalParty party) {
        return Map.of("address", party.address(), "category", party.category().wire(), "displayName", party.displayName());
    }

    private static Map<String, Object> view(CaseRecord caseRecord) {
        return Map.of("number", caseRecord.number(), "status", caseRecord.status().name().toLowerCase(java.util.Locale.ROOT),
            "restricted", caseRecord.restricted(), "clients", caseRecord.clientIds());
    }

    private static Map<String, Object> view(Client client) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", client.id());
        view.put("givenName", client.givenName());
        view.put("familyName", client.familyName());
        client.dateOfBirth().ifPresent(date -> view.put("dateOfBirth", date.toString()));
        view.put("identifiers", client.identifiers());
        return view;
    }
}
