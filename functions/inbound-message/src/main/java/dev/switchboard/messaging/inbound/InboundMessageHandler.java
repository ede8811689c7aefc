package dev.switchboard.messaging.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/messaging/inbound: every number's SmsUrl. */
public final class InboundMessageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public InboundMessageHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public InboundMessageHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var messaging = new MessagingWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(), new InboundMessages(tenancy.directory(), messaging.messages(),
                messaging.conversations(), messaging.optOuts(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public InboundMessageHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, InboundMessages messages) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, messages);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
