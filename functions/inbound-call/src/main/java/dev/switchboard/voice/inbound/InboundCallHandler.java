package dev.switchboard.voice.inbound;

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

/** POST /twilio/voice/inbound: the Voice URL of every number Switchboard answers. */
public final class InboundCallHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public InboundCallHandler() {
        this(Platform.fromEnvironment());
    }

    private InboundCallHandler(Platform p) {
        this(p.settings().publicBaseUrl(), p.webhookGuard(), new InboundCalls(p.directory(), p.calls(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).webhook(adapter);
    }

    public InboundCallHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, InboundCalls inboundCalls) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, TwilioParameters::check, inboundCalls);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
