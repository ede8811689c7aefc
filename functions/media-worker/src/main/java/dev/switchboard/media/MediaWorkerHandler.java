package dev.switchboard.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.recordings.RecordingsWiring;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.S3Clients;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.QueueAdapter;
import dev.switchboard.shared.tenancy.TwilioAccount;

/** MediaQueue's worker: each completed recording and each MMS's media copied into S3 (see MediaJobs). */
public final class MediaWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final QueueAdapter adapter;

    public MediaWorkerHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public MediaWorkerHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        this(jobs(p, new TwilioMedia(p.settings().twilioApi())));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming());
    }

    /** The worker's jobs as deployed, fetching from {@code twilio}: the platform's stores, credentials and bucket. */
    public static MediaJobs jobs(Platform p, TwilioMedia twilio) {
        var tenancy = new TenancyWiring(p);
        var accounts = tenancy.accounts();
        RecordingCopies.Credentials credentials = (tenantId, accountSid) -> accounts.get(accountSid)
                .filter(a -> a.tenantId().equals(tenantId))
                .map(a -> p.sealer().open(a.sealedAuthToken(), TwilioAccount.sealingContext(accountSid)));
        var s3 = new MultipartCopy(S3Clients.s3(p.settings()), p.settings().mediaBucket(), p.settings().kmsKeyId());
        return new MediaJobs(new RecordingCopies(new RecordingsWiring(p).recordings(), tenancy.tenants()::recordingSettings, credentials, twilio, s3,
                p.clock()), new MessageMediaCopies(new MessagingWiring(p).messages(), credentials, twilio, s3, p.clock()));
    }

    public MediaWorkerHandler(MediaJobs jobs) {
        this.adapter = new QueueAdapter(jobs);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
