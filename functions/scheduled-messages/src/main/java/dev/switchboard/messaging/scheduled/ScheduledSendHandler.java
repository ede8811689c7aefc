package dev.switchboard.messaging.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.twilio.rest.TwilioRestWiring;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.lambda.QueueAdapter;

/** SendQueue's worker: each scheduled message sent at its time (see ScheduledSends). */
public final class ScheduledSendHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final QueueAdapter adapter;

    public ScheduledSendHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public ScheduledSendHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var messaging = new MessagingWiring(p);
        var twilio = new TwilioRestWiring(p);
        this(new ScheduledSends(messaging.scheduledMessages(), messaging.messages(), messaging.optOuts(), twilio.access(tenancy),
                p.settings().publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                        "Missing configuration PUBLIC_BASE_URL: the status callback of a scheduled message needs it"))
                        .toString(), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming());
    }

    public ScheduledSendHandler(ScheduledSends sends) {
        this.adapter = new QueueAdapter(sends);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
