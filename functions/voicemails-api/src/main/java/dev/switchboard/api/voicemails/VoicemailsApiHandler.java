package dev.switchboard.api.voicemails;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Lazy;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.S3Clients;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.twilio.TwilioAccess;

/** /v1/tenants/{tenantId}/voicemails. */
public final class VoicemailsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public VoicemailsApiHandler() {
        this(Platform.fromEnvironment());
    }

    private VoicemailsApiHandler(Platform p) {
        this(new VoicemailsApi(p.calls(), p.voicemails(), p.recordings(), p.tenants(), p.cursors(), Lazy.of(() -> S3Clients.mediaLinks(p.settings())),
                new TwilioAccess(p.accounts(), p.sealer(), p::twilio)));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(p).api(adapter);
    }

    public VoicemailsApiHandler(VoicemailsApi api) {
        this.adapter = new ApiAdapter(api.routes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
