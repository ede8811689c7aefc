package dev.switchboard.api.messages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Lazy;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.twilio.rest.TwilioRestWiring;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.S3Clients;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.ApiAdapter;

import java.net.URI;
import java.util.Optional;

/** /v1/tenants/{tenantId}/messages and /v1/tenants/{tenantId}/conversations. */
public final class MessagesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public MessagesApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public MessagesApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var messaging = new MessagingWiring(p);
        var twilio = new TwilioRestWiring(p);
        this(new MessagesApi(messaging.messages(), messaging.scheduledMessages(), messaging.conversations(), messaging.optOuts(), tenancy.tenants(),
                tenancy.numbers(), twilio.access(tenancy), p.cursors(), p.idempotency(),
                Lazy.of(() -> S3Clients.mediaLinks(p.settings())), p.clock()), p.settings().publicBaseUrl());
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public MessagesApiHandler(MessagesApi api, Optional<URI> publicBaseUrl) {
        this.adapter = new ApiAdapter(publicBaseUrl, api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
