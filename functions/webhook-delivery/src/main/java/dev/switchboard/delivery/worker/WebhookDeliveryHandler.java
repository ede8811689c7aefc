package dev.switchboard.delivery.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.delivery.DeliveryWiring;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.lambda.QueueAdapter;
import dev.switchboard.shared.priming.Priming;

/**
 * WebhookDeliveryQueue's worker: events fanned out to their tenant's endpoints, attempts, retries
 * and recoveries (see {@link Deliveries}). A batch's messages are handled side by side, so an
 * endpoint that takes its full 15 s holds no other.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final QueueAdapter adapter;

    public WebhookDeliveryHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public WebhookDeliveryHandler(Platform p) {
        var delivery = new DeliveryWiring(p);
        var events = new EventsWiring(p);
        this(new Deliveries(delivery.endpoints(), delivery.queue(),
                new Attempts(delivery.endpoints(), delivery.secrets(), delivery.sender(), delivery.log(),
                        delivery.queue(), delivery.schedule(), delivery.healthPolicy(), p.clock()),
                new Recoveries(delivery.endpoints(), events.log(), delivery.log(), delivery.queue(),
                        p.settings().eventsSettle(), p.clock()),
                p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(events.priming());
    }

    public WebhookDeliveryHandler(Deliveries deliveries) {
        this.adapter = QueueAdapter.sideBySide(deliveries);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return adapter.handle(event, context);
    }
}
