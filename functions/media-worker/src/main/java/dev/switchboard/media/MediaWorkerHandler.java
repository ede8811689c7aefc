package dev.switchboard.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.lambda.QueueAdapter;
import dev.switchboard.shared.tenancy.TwilioAccount;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;


/** MediaQueue's worker: each completed recording copied into S3 (see RecordingCopies). */
public final class MediaWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final QueueAdapter adapter;

    public MediaWorkerHandler() {
        this(Platform.current());
    }

    private MediaWorkerHandler(Platform p) {
        this(new RecordingCopies(p.calls(), p.tenants()::recordingSettings, (tenantId, accountSid) -> p.accounts().get(accountSid)
                        .filter(a -> a.tenantId().equals(tenantId))
                        .map(a -> p.sealer().open(a.sealedAuthToken(), TwilioAccount.sealingContext(accountSid))),
                new TwilioMedia(p.settings().twilioApi()),
                new MultipartCopy(s3(p), p.settings().mediaBucket(), p.settings().kmsKeyId()), p.clock()));
    }

    public MediaWorkerHandler(RecordingCopies copies) {
        this.adapter = new QueueAdapter(copies);
    }

    private static S3Client s3(Platform p) {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .region(Region.of(System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION")
                        : System.getProperty("aws.region", "us-east-1")));
        // The local stack's S3 server takes path-style requests only.
        p.settings().endpoints().s3().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event);
    }
}
