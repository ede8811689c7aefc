package dev.switchboard.api.numbers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.twilio.rest.TwilioRestWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.ApiAdapter;

import java.net.URI;
import java.util.Optional;

/** /v1/tenants/{tenantId}/numbers and the Twilio account's incoming numbers. */
public final class NumbersApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public NumbersApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public NumbersApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var twilio = new TwilioRestWiring(p);
        var flows = new dev.switchboard.shared.flows.wiring.FlowsWiring(p).library();
        this(new NumbersApi(tenancy.tenants(), tenancy.numbers(), tenancy.agents(), twilio.access(tenancy), p.cursors(),
                p.idempotency(), new NumberFlows(flows, tenancy.agents())), p.settings().publicBaseUrl());
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public NumbersApiHandler(NumbersApi api, Optional<URI> publicBaseUrl) {
        this.adapter = new ApiAdapter(publicBaseUrl, api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
