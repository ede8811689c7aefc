package dev.switchboard.api.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Lazy;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.twilio.rest.TwilioRestWiring;
import dev.switchboard.shared.recordings.RecordingsWiring;
import dev.switchboard.shared.voice.VoiceWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.S3Clients;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.ApiAdapter;

import java.net.URI;
import java.util.Optional;

/** /v1/tenants/{tenantId}/calls. */
public final class CallsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public CallsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public CallsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        var recordings = new RecordingsWiring(p);
        var twilio = new TwilioRestWiring(p);
        this(new CallsApi(voice.calls(), recordings.recordings(), recordings.voicemails(), tenancy.tenants(), tenancy.agents(), tenancy.numbers(),
                twilio.access(tenancy), p.cursors(), p.idempotency(),
                Lazy.of(() -> S3Clients.mediaLinks(p.settings()))), p.settings().publicBaseUrl());
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public CallsApiHandler(CallsApi api, Optional<URI> publicBaseUrl) {
        this.adapter = new ApiAdapter(publicBaseUrl, api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
