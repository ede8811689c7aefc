package dev.switchboard.api.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.realtime.RealtimeWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;

/** /v1/tenants/{tenantId}/realtime/tickets: what opens a browser's WebSocket. */
public final class RealtimeTicketsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public RealtimeTicketsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public RealtimeTicketsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var realtime = new RealtimeWiring(p);
        this(new RealtimeTicketsApi(realtime.tickets(), tenancy.agents(), tenancy.access(), realtime.url(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.primingWithoutAccounts()).api(adapter)
                .write(adapter, RealtimeTicketsApi.ROUTE, "{\"agentId\":\"" + Priming.AGENT + "\"}");
    }

    public RealtimeTicketsApiHandler(RealtimeTicketsApi api) {
        this.adapter = new ApiAdapter(api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
