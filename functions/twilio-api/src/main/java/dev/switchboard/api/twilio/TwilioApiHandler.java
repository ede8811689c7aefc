package dev.switchboard.api.twilio;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
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

    private TwilioApiHandler(Platform p) {
        this(new TwilioConnections(p.tenants(), p.accounts(), p.numbers(), p.sealer(), p.twilio()), p.settings().publicBaseUrl());
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).api(adapter);
    }

    public TwilioApiHandler(TwilioConnections api, Optional<URI> publicBaseUrl) {
        this.adapter = new ApiAdapter(publicBaseUrl, api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
