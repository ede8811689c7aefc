package dev.switchboard.messaging.status;

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

/** POST /twilio/messaging/status: the StatusCallback of every message Switchboard sends. */
public final class MessageStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public MessageStatusHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public MessageStatusHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var messaging = new MessagingWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(), new MessageStatuses(messaging.messages(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public MessageStatusHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, MessageStatuses statuses) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, statuses);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
