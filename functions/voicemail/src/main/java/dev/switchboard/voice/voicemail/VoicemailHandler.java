package dev.switchboard.voice.voicemail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.recordings.RecordingsWiring;
import dev.switchboard.shared.voice.VoiceWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.recordings.RecordingCallbacks;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/voice/voicemail: a voicemail {@code <Record>}'s action and its recording callbacks. */
public final class VoicemailHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public VoicemailHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public VoicemailHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var voice = new VoiceWiring(p);
        var recordings = new RecordingsWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(),
                new Voicemails(voice.calls(), recordings.voicemails(), new RecordingCallbacks(recordings.recordings(), p.clock()), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public VoicemailHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, Voicemails voicemails) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, voicemails);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
