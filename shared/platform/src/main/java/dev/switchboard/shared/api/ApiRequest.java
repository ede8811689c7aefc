package dev.switchboard.shared.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * An authorised API request, independent of API Gateway.
 *
 * @param headers  header names in lower case
 * @param baseUrl where Twilio reaches this deployment, for the webhook URLs it configures
 */
public record ApiRequest(String routeKey, Principal principal, Map<String, String> pathParameters,
                         Map<String, String> query, Map<String, String> headers, Optional<JsonNode> body,
                         String baseUrl) {

    /** @param name in lower case, as HTTP APIs pass header names */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public JsonObject json() {
        return new JsonObject(body.orElseThrow(() -> ApiError.badRequest("A JSON body is required")), "");
    }
}
