package dev.switchboard.api.flows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.flows.wiring.FlowsWiring;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.tenancy.TenantAccess;

/** /v1/tenants/{tenantId}/flows and /schedules: the tenant's library of call flows and business hours. */
public final class FlowsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public FlowsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public FlowsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var flows = new FlowsWiring(p);
        var library = flows.library();
        var access = new TenantAccess(tenancy.tenants());
        this(new FlowsApi(library, tenancy.agents(), tenancy.numbers(), access, p.clock()),
                new SchedulesApi(library, access, p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(flows.priming(tenancy.priming())).api(adapter);
    }

    public FlowsApiHandler(FlowsApi flows, SchedulesApi schedules) {
        this.adapter = new ApiAdapter(flows.routes(schedules));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
