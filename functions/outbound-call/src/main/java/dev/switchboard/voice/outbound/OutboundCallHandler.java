package dev.switchboard.voice.outbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.voice.VoiceWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/voice/outbound: the Voice URL of every tenant's TwiML App (calls from browsers). */
public final class OutboundCallHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public OutboundCallHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public OutboundCallHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(), new OutboundCalls(tenancy.directory(), tenancy.numbers(), voice.calls(),
                p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public OutboundCallHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, OutboundCalls inboundCalls) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, inboundCalls);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
