package dev.switchboard.api.voicemails;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.twilio.TwilioAccess;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** /v1/tenants/{tenantId}/voicemails. */
public final class VoicemailsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiAdapter adapter;

    public VoicemailsApiHandler() {
        this(Platform.current());
    }

    private VoicemailsApiHandler(Platform p) {
        this(new VoicemailsApi(p.calls(), p.tenants(), p.cursors(), links(p),
                new TwilioAccess(p.accounts(), p.sealer(), p.twilio())));
    }

    public VoicemailsApiHandler(VoicemailsApi api) {
        this.adapter = new ApiAdapter(api.routes());
    }

    private static MediaLinks links(Platform p) {
        var credentials = AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
        Region region = Region.of(System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION")
                : System.getProperty("aws.region", "us-east-1"));
        var s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials)
                .region(region);
        var presigner = S3Presigner.builder().credentialsProvider(credentials).region(region);
        // The local stack's S3 server takes path-style requests only.
        p.settings().endpoints().s3().ifPresent(endpoint -> {
            s3.endpointOverride(endpoint).forcePathStyle(true);
            presigner.endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        });
        return new MediaLinks(presigner.build(), s3.build(), p.settings().mediaBucket());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event);
    }
}
