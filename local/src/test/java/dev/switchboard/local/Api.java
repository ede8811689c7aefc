package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * An app calling the management API over HTTP. Every answer is checked against
 * docs/openapi.yaml before the test sees it.
 */
final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        Response(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body);
            }
        }
    }

    static String adminKey() {
        return TestStack.get().environment().get("ADMIN_API_KEY");
    }

    /**
     * @param path  a route of the document, e.g. /v1/tenants/{tenantId}
     * @param query appended as is, e.g. "?limit=1"
     * @param key   the bearer key, or null for none
     */
    static Response call(String method, String path, Map<String, String> params, String query, String key, Object body) {
        return call(method, path, params, query, key, body, Map.of());
    }

    /** @param headers sent as well, e.g. Idempotency-Key */
    static Response call(String method, String path, Map<String, String> params, String query, String key, Object body,
                         Map<String, String> headers) {
        String concrete = path;
        for (var p : params.entrySet()) {
            concrete = concrete.replace("{" + p.getKey() + "}", p.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestStack.get().baseUrl() + concrete
                + (query == null ? "" : query)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.assertConforms(method, path, response.statusCode(), response.body());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("request to the local stack failed", e);
        }
    }

    static Response call(String method, String path, Map<String, String> params, String key, Object body) {
        return call(method, path, params, null, key, body);
    }

    /** Creates a tenant with the admin key and returns its first API key. */
    static String newTenant(String id) {
        var created = call("POST", "/v1/tenants", Map.of(), adminKey(), Map.of("id", id, "name", "Tenant " + id));
        if (created.status() != 201) {
            throw new AssertionError("tenant not created: " + created.body());
        }
        return created.json().path("apiKey").path("key").asText();
    }
}
