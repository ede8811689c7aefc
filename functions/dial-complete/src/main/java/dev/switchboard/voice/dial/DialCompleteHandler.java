package dev.switchboard.voice.dial;

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

/** POST /twilio/voice/dial-complete: the action URL of every {@code <Dial>} Switchboard answers with. */
public final class DialCompleteHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public DialCompleteHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public DialCompleteHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(),
                new DialCompletions(tenancy.directory(), voice.calls(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public DialCompleteHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, DialCompletions completions) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, completions);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
