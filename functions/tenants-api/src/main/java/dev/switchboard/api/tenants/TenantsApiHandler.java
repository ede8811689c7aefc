package dev.switchboard.api.tenants;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.ApiAdapter;

/** /v1/tenants, /v1/tenants/{tenantId}/api-keys and …/console/sessions. */
public final class TenantsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public TenantsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public TenantsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        this(new TenantsApi(tenancy.tenants(), tenancy.apiKeys(), p.clock(), p.cursors()),
                new ConsoleSessionsApi(tenancy.apiKeys(), tenancy.access(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public TenantsApiHandler(TenantsApi api, ConsoleSessionsApi sessions) {
        this.adapter = new ApiAdapter(sessions.routes(api.routes()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
