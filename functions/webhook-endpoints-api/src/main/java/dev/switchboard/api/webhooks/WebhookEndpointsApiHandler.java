package dev.switchboard.api.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.delivery.DeliveryWiring;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.tenancy.TenancyWiring;

/** /v1/tenants/{tenantId}/webhook-endpoints: where a tenant's events are delivered. */
public final class WebhookEndpointsApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public WebhookEndpointsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public WebhookEndpointsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var delivery = new DeliveryWiring(p);
        this(new WebhookEndpointsApi(delivery.endpoints(), delivery.secrets(), delivery.destinations(),
                delivery.sender(), tenancy.access(), p.cursors(), delivery.schedule().span(),
                p.settings().eventRetention(), p.clock()),
                new DeliveryLogApi(delivery.endpoints(), delivery.log(), new EventsWiring(p).log(), delivery.queue(),
                        tenancy.access(), p.cursors(), p.settings().eventRetention(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public WebhookEndpointsApiHandler(WebhookEndpointsApi api, DeliveryLogApi log) {
        this.adapter = new ApiAdapter(log.routes(api.routes()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
