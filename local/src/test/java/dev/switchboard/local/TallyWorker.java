package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.lambda.QueueAdapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue worker on the shared adapter, for QueueEventSourcesTest: counts each body it handles
 * and fails every message whose body starts with "poison".
 */
public final class TallyWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final Map<String, Integer> HANDLED = new ConcurrentHashMap<>();
    static final AtomicInteger LARGEST_BATCH = new AtomicInteger();

    private final QueueAdapter adapter = new QueueAdapter(message -> {
        HANDLED.merge(message.body(), 1, Integer::sum);
        if (message.body().startsWith("poison")) {
            throw new IllegalArgumentException("cannot handle " + message.messageId());
        }
    });

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        LARGEST_BATCH.accumulateAndGet(event.getRecords().size(), Math::max);
        return adapter.handle(event);
    }
}
