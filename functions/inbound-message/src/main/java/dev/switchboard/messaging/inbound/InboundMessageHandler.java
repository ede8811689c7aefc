package dev.switchboard.messaging.inbound;

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

/** POST /twilio/messaging/inbound: every number's SmsUrl. */
public final class InboundMessageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public InboundMessageHandler() {
        this(Platform.fromEnvironment());
    }

    private InboundMessageHandler(Platform p) {
        this(p.settings().publicBaseUrl(), p.webhookGuard(), new InboundMessages(p.directory(), p.messages(),
                p.conversations(), p.optOuts(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).webhook(adapter);
    }

    public InboundMessageHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, InboundMessages messages) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, TwilioParameters::check, messages);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
