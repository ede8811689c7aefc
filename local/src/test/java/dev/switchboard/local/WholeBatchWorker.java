package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A queue worker without ReportBatchItemFailures, for QueueEventSourcesTest: one message whose
 * body starts with "poison" fails the whole invocation.
 */
public final class WholeBatchWorker implements RequestHandler<SQSEvent, Void> {
    static final Map<String, Integer> HANDLED = new ConcurrentHashMap<>();

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        for (var record : event.getRecords()) {
            HANDLED.merge(record.getBody(), 1, Integer::sum);
        }
        if (event.getRecords().stream().anyMatch(r -> r.getBody().startsWith("poison"))) {
            throw new IllegalStateException("a poison message in the batch");
        }
        return null;
    }
}
