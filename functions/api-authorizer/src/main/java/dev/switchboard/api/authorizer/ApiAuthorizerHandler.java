package dev.switchboard.api.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.switchboard.shared.Platform;

import java.util.Map;

/** The HTTP API's Lambda authorizer for /v1 (payload 2.0, simple responses). */
public final class ApiAuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final ApiKeyAuthorizer authorizer;

    public ApiAuthorizerHandler() {
        this(Platform.current());
    }

    private ApiAuthorizerHandler(Platform p) {
        this(new ApiKeyAuthorizer(p.apiKeys(), p::adminKey));
    }

    public ApiAuthorizerHandler(ApiKeyAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String authorization = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
        return Map.of("isAuthorized", true, "context", authorizer.authorize(authorization).toContext());
    }
}
