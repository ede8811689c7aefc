package dev.switchboard.api.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.LogScope;

import java.util.Map;

/** The HTTP API's Lambda authorizer for /v1 (payload 2.0, simple responses). */
public final class ApiAuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final ApiKeyAuthorizer authorizer;
    private final ColdStart coldStart = new ColdStart();

    public ApiAuthorizerHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public ApiAuthorizerHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        this(new ApiKeyAuthorizer(tenancy.apiKeys(), p::adminKey, p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming());
    }

    public ApiAuthorizerHandler(ApiKeyAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        try (LogScope ignored = LogScope.open(context, coldStart.first(context), requestId)) {
            String authorization = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
            return Map.of("isAuthorized", true, "context", authorizer.authorize(authorization).toContext());
        }
    }
}
