package dev.switchboard.shared.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An API function's routes, by API Gateway's route key ("POST /v1/tenants/{tenantId}/agents").
 * GET and DELETE take no body, POST, PUT and PATCH do, unless declared with {@link #action}: a
 * body sent to a route that takes none is refused rather than ignored, so a client learns at once
 * that what it sent meant nothing.
 */
public final class ApiRoutes {
    private final Map<String, Function<ApiRequest, ApiResponse>> routes = new LinkedHashMap<>();
    private final java.util.Set<String> withoutBody = new java.util.HashSet<>();

    public ApiRoutes on(String routeKey, Function<ApiRequest, ApiResponse> handler) {
        routes.put(routeKey, handler);
        if (routeKey.startsWith("GET ") || routeKey.startsWith("DELETE ")) {
            withoutBody.add(routeKey);
        }
        return this;
    }

    /** A POST that does something and takes no body (repair, mark read). */
    public ApiRoutes action(String routeKey, Function<ApiRequest, ApiResponse> handler) {
        on(routeKey, handler);
        withoutBody.add(routeKey);
        return this;
    }

    public boolean takesBody(String routeKey) {
        return !withoutBody.contains(routeKey);
    }

    /** Every route key, as "METHOD /path". */
    public java.util.Set<String> keys() {
        return routes.keySet();
    }

    public Optional<Function<ApiRequest, ApiResponse>> find(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }
}
