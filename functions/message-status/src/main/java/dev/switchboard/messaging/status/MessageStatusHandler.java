package dev.switchboard.messaging.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.twilio.TwilioParameters;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/messaging/status: the StatusCallback of every message Switchboard sends. */
public final class MessageStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public MessageStatusHandler() {
        this(Platform.fromEnvironment());
    }

    private MessageStatusHandler(Platform p) {
        this(p.settings().publicBaseUrl(), p.webhookGuard(), new MessageStatuses(p.messages(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).webhook(adapter);
    }

    public MessageStatusHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, MessageStatuses statuses) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, TwilioParameters::check, statuses);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
