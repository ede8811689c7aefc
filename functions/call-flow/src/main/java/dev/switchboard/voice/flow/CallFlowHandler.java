package dev.switchboard.voice.flow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.flows.wiring.FlowsWiring;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.voice.VoiceWiring;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/voice/flow: the action of every flow's menus and ring groups. */
public final class CallFlowHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public CallFlowHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public CallFlowHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        var flows = new FlowsWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(),
                new FlowSteps(flows.runner(tenancy.directory(), voice.calls()), p.clock()));
        // SnapStart primes what this function answers before its snapshot: a caller at a menu.
        Priming.register(flows.priming(tenancy.priming())).webhook(adapter, FlowsWiring.primingQuery());
    }

    public CallFlowHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, FlowSteps steps) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, steps);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
