package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.Principal;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.json.Text;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.store.BadCursor;
import dev.switchboard.shared.store.Contended;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an API Gateway event for a /v1 route into an {@link ApiRequest} for the route's
 * handler, and its answer or refusal into JSON. Our own faults are a 500 with no detail.
 */
public final class ApiAdapter {
    /** No request of this API needs more (a base64 body is a third larger than its JSON). */
    static final int MAX_BODY_CHARS = 96 * 1024;
    private static final Log LOG = Log.of(ApiAdapter.class);
    private final ApiRoutes routes;
    private final Optional<URI> publicBaseUrl;
    private final ColdStart coldStart = new ColdStart();

    public ApiAdapter(ApiRoutes routes) {
        this(Optional.empty(), routes);
    }

    /** @param publicBaseUrl the URL Twilio calls, for routes that configure Twilio's webhooks */
    public ApiAdapter(Optional<URI> publicBaseUrl, ApiRoutes routes) {
        this.publicBaseUrl = publicBaseUrl;
        this.routes = routes;
    }

    /** The read-only routes, which SnapStart priming asks once each (see Priming). */
    public java.util.List<String> getRoutes() {
        return routes.keys().stream().filter(key -> key.startsWith("GET ")).toList();
    }

    /** A request with no Lambda context: SnapStart priming's, or a test's. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handle(event, null);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context lambda) {
        try (LogScope scope = LogScope.open(lambda, coldStart.first(lambda), gatewayRequestId(event))) {
            return answer(event, scope);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, LogScope scope) {
        String routeKey = event == null ? null : event.getRouteKey();
        Principal principal = null;
        try {
            var handler = routes.find(routeKey).orElseThrow(() -> ApiError.notFound("Route " + routeKey));
            Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
            // What the route is about, as its path names it (whether the key may see it is checked later).
            for (String name : SUBJECTS) {
                String value = path.get(name);
                scope.with(name, value != null && value.length() <= 64 ? value : null);
            }
            principal = principal(event);
            PathParameters.check(path);
            Optional<JsonNode> body = body(event);
            if (body.isPresent() && !routes.takesBody(routeKey)) {
                throw ApiError.badRequest("This route takes no body: send the request without one");
            }
            ApiRequest request = new ApiRequest(routeKey, principal, path,
                    event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                    headers(event), body, baseUrl(event));
            ApiResponse response = handler.apply(request);
            LOG.info("api", "route", routeKey, "status", response.status(), "keyId", principal.keyId());
            return json(response.status(), response.body(), response.headers());
        } catch (ApiError e) {
            return refused(e, routeKey, principal);
        } catch (BadCursor e) {
            // A store's word for a cursor it did not hand out: the client's mistake.
            return refused(ApiError.badField("cursor", e.getMessage()), routeKey, principal);
        } catch (Contended e) {
            // Other requests changed the same items at that moment, every time: nothing was written.
            return refused(ApiError.conflict("Other changes to the same data were being made at the same moment:"
                    + " nothing was changed; try again"), routeKey, principal);
        } catch (RuntimeException e) {
            LOG.error("api failed", e, "route", routeKey);
            return json(500, Map.of("error", Map.of("code", "internal", "message", "Internal error")));
        }
    }

    private static APIGatewayV2HTTPResponse refused(ApiError e, String routeKey, Principal principal) {
        LOG.info("api refused", "route", routeKey, "status", e.status(), "code", e.code(), "field", e.field(),
                "reason", e.getMessage(), "keyId", principal == null ? null : principal.keyId());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        return json(e.status(), Map.of("error", error));
    }

    private static final String[] SUBJECTS = {"tenantId", "callSid", "messageId", "agentId"};

    /** API Gateway's id of the request: the line that ties ours to its access log. */
    static String gatewayRequestId(APIGatewayV2HTTPEvent event) {
        var context = event == null ? null : event.getRequestContext();
        return context == null ? null : context.getRequestId();
    }

    /** As for webhooks: the configured public URL, else the https host the request came to. */
    private String baseUrl(APIGatewayV2HTTPEvent event) {
        return publicBaseUrl.map(URI::toString).orElseGet(() -> {
            var context = event.getRequestContext();
            return context == null || context.getDomainName() == null ? null : "https://" + context.getDomainName();
        });
    }

    private static Principal principal(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) {
            throw ApiError.unauthorized();
        }
        return Principal.fromContext(context.getAuthorizer().getLambda());
    }

    private static Optional<JsonNode> body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        // Every field has its own bound; this one stops a huge body before it is decoded or parsed.
        if (body.length() > MAX_BODY_CHARS) {
            throw ApiError.badRequest("The body is over " + MAX_BODY_CHARS / 1024 + " KB");
        }
        if (event.getIsBase64Encoded()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("The body is not valid base64");
            }
            body = Text.utf8(bytes).orElseThrow(() -> ApiError.badRequest("The body is not valid UTF-8"));
        }
        try {
            return Optional.of(Json.STRICT.readTree(body));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw ApiError.badRequest("The body has text after its JSON value");
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            // Jackson names the key ("Duplicate field 'name'"); the rest of its message is not for clients.
            String message = String.valueOf(e.getOriginalMessage());
            throw ApiError.badRequest(message.startsWith("Duplicate field ") && message.length() < 150
                    ? "The body has a duplicate key " + message.substring("Duplicate field ".length())
                    : "The body is not valid JSON");
        } catch (Exception e) {
            throw ApiError.badRequest("The body is not valid JSON");
        }
    }

    /** HTTP APIs already pass header names in lower case; made sure of here for any other caller. */
    private static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() == null) {
            return Map.of();
        }
        Map<String, String> headers = new java.util.HashMap<>();
        event.getHeaders().forEach((name, value) -> {
            if (name != null && value != null) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        return headers;
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", body instanceof ApiResponse.Text text ? text.contentType() : "application/json");
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body == null ? null : body instanceof ApiResponse.Text text ? text.text() : Json.write(body))
                .withIsBase64Encoded(false)
                .build();
    }
}
