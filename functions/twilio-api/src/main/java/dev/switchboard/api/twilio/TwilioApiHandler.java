package dev.switchboard.api.twilio;

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

/** /v1/tenants/{tenantId}/twilio: connection, health, repair. */
public final class TwilioApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public TwilioApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public TwilioApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var twilio = new TwilioRestWiring(p);
        this(new TwilioConnections(tenancy.tenants(), tenancy.accounts(), tenancy.numbers(), p.sealer(), twilio.clients()), p.settings().publicBaseUrl());
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public TwilioApiHandler(TwilioConnections api, Optional<URI> publicBaseUrl) {
        this.adapter = new ApiAdapter(publicBaseUrl, api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
