package dev.switchboard.voice.transcription;

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

/** POST /twilio/voice/transcription: the transcribeCallback of every voicemail. */
public final class TranscriptionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookAdapter adapter;

    public TranscriptionHandler() {
        this(Platform.fromEnvironment());
    }

    private TranscriptionHandler(Platform p) {
        this(p.settings().publicBaseUrl(), p.webhookGuard(), new Transcriptions(p.voicemails(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).webhook(adapter);
    }

    public TranscriptionHandler(Optional<URI> publicBaseUrl, WebhookGuard guard, Transcriptions transcriptions) {
        this.adapter = new WebhookAdapter(publicBaseUrl, guard, TwilioParameters::check, transcriptions);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
