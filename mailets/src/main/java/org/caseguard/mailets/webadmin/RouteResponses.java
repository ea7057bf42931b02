package org.caseguard.mailets.webadmin;

import java.util.List;
import java.util.function.Supplier;

import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.caseguard.core.registry.InvalidRecordException;
import org.caseguard.journal.retention.CaseLifecycle;
import org.eclipse.jetty.http.HttpStatus;

import spark.HaltException;
import spark.Request;
import spark.Response;

/** What every caseguard route answers the same way: 400 naming the field, 204 on writes, paging of listings. */
final class RouteResponses {
    static final int MAX_PAGE = 1000;

    private RouteResponses() {
    }

    static <T> T validated(Supplier<T> validation) {
        try {
            return validation.get();
        } catch (InvalidRecordException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** The {@code case} path parameter, in the form every journal and retention record uses; 400 otherwise. */
    static String caseParam(Request request) {
        String caseId = request.params("case");
        try {
            CaseLifecycle.checkCase(caseId);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        return caseId;
    }

    /** {@code offset} (default 0) and {@code limit} (1..1000, default 100) query parameters. */
    static <T> List<T> page(Request request, List<T> all) {
        int offset = intParam(request, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = intParam(request, "limit", 1, MAX_PAGE, 100);
        return all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + limit, all.size()));
    }

    static int intParam(Request request, String name, int min, int max, int defaultValue) {
        String value = request.queryParams(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest("\"" + name + "\": must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    }

    static String noContent(Response response) {
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    static final String ACTOR_HEADER = "X-Caseguard-Actor";
    private static final int MAX_ACTOR = 200;

    /**
     * Who acts, for the history and the journal's access records. With an authenticated WebAdmin (the shipped
     * configuration) it is the bearer token's subject, and a {@value #ACTOR_HEADER} naming someone else is refused: one
     * person cannot act, or approve their own request, under another's name. Without authentication the header is
     * required.
     */
    static String actor(Request request) {
        String authenticated = request.attribute(AuthenticationFilter.LOGIN);
        String claimed = request.headers(ACTOR_HEADER);
        if (authenticated != null) {
            if (claimed != null && !claimed.trim().equals(authenticated)) {
                throw badRequest("\"" + ACTOR_HEADER + "\": the actor is the authenticated token's subject; leave the header out or give "
                    + "the same name");
            }
            return authenticated;
        }
        if (claimed == null || claimed.isBlank() || claimed.length() > MAX_ACTOR || claimed.chars().anyMatch(Character::isISOControl)) {
            throw badRequest("\"" + ACTOR_HEADER + "\": header is required on every change: who makes it (1 to " + MAX_ACTOR
                + " printable characters); with JWT authentication the token's subject is used instead");
        }
        return claimed.trim();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The request body as a JSON object; empty when there is no body; 400 when it is not a JSON object. */
    static java.util.Map<String, Object> jsonObject(Request request) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            return java.util.Map.of();
        }
        try {
            return MAPPER.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw badRequest("the body must be a JSON object");
        }
    }

    static HaltException notFound(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND).message(message).haltError();
    }

    static HaltException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorType.INVALID_ARGUMENT).message(message).haltError();
    }
}
