package dev.switchboard.api.voicemails;

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

/** /v1/tenants/{tenantId}/voicemails. */
public final class VoicemailsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public VoicemailsApiHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public VoicemailsApiHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        var recordings = new RecordingsWiring(p);
        var twilio = new TwilioRestWiring(p);
        this(new VoicemailsApi(voice.calls(), recordings.voicemails(), recordings.recordings(), tenancy.tenants(), p.cursors(), Lazy.of(() -> S3Clients.mediaLinks(p.settings())),
                twilio.access(tenancy)));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).api(adapter);
    }

    public VoicemailsApiHandler(VoicemailsApi api) {
        this.adapter = new ApiAdapter(api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
