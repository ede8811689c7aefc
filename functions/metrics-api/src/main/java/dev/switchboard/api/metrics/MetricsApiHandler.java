package dev.switchboard.api.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.analytics.wiring.AnalyticsWiring;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.tenancy.TenantAccess;

/** /v1/tenants/{tenantId}/metrics: call and message metrics over a range, bucketed and grouped. */
public final class MetricsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public MetricsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public MetricsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var analytics = new AnalyticsWiring(p);
        this(new MetricsApi(analytics.reader(), analytics.recount(), tenancy.tenants(), new TenantAccess(tenancy.tenants()), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public MetricsApiHandler(MetricsApi api) {
        this.adapter = new ApiAdapter(api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
