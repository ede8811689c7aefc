package dev.switchboard.voice.recording;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.recordings.RecordingsWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.recordings.RecordingCallbacks;
import dev.switchboard.shared.webhook.WebhookGuard;

import java.net.URI;
import java.util.Optional;

/** POST /twilio/voice/recording: the recordingStatusCallback of every recording Switchboard starts. */
public final class RecordingStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public RecordingStatusHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public RecordingStatusHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var recordings = new RecordingsWiring(p);
        this(p.settings().publicBaseUrl(), tenancy.webhookGuard(), new RecordingCallbacks(recordings.recordings(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming()).webhook(adapter);
    }

    public RecordingStatusHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, RecordingCallbacks callbacks) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, callbacks);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
