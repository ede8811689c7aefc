package dev.switchboard.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.lambda.QueueAdapter;
import dev.switchboard.shared.media.MediaLinks;
import dev.switchboard.shared.tenancy.TwilioAccount;


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
                new MultipartCopy(MediaLinks.s3(p.settings()), p.settings().mediaBucket(), p.settings().kmsKeyId()), p.clock()));
    }

    public MediaWorkerHandler(RecordingCopies copies) {
        this.adapter = new QueueAdapter(copies);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event);
    }
}
