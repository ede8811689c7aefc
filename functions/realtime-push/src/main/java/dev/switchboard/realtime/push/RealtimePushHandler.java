package dev.switchboard.realtime.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.lambda.QueueAdapter;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.realtime.Backlog;
import dev.switchboard.shared.realtime.RealtimeWiring;

/** RealtimeQueue's worker: each event pushed to its tenant's open WebSockets (see {@link Pushes}). */
public final class RealtimePushHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final QueueAdapter adapter;

    public RealtimePushHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public RealtimePushHandler(Platform p) {
        var realtime = new RealtimeWiring(p);
        var events = new EventsWiring(p);
        var pusher = realtime.pusher();
        this(new Pushes(realtime.connections(), pusher, new Backlog(events.log(), pusher),
                catchUp -> p.sqs().sendMessage(b -> b.queueUrl(realtime.queueUrl()).messageBody(catchUp.write()))));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(events.priming());
    }

    public RealtimePushHandler(Pushes pushes) {
        this.adapter = QueueAdapter.sideBySide(pushes);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
