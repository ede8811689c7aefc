package dev.switchboard.shared.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** An API function's routes, by API Gateway's route key ("POST /v1/tenants/{tenantId}/agents"). */
public final class ApiRoutes {
    private final Map<String, Function<ApiRequest, ApiResponse>> routes = new LinkedHashMap<>();

    public ApiRoutes on(String routeKey, Function<ApiRequest, ApiResponse> handler) {
        routes.put(routeKey, handler);
        return this;
    }

    /** Every route key, as "METHOD /path". */
    public java.util.Set<String> keys() {
        return routes.keySet();
    }

    public Optional<Function<ApiRequest, ApiResponse>> find(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }
}
