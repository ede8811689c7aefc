package dev.switchboard.analytics.counter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.analytics.wiring.AnalyticsWiring;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.tenancy.TenancyWiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events table's stream (DynamoDB Streams event source): counts each new event into the
 * tenants' metrics, then sends each tenant whose figures changed its figures for today. A batch
 * that fails is retried whole by Lambda; what it counted already it does not count again.
 */
public final class MetricsCounterHandler implements RequestHandler<DynamodbEvent, Void> {
    private final MetricsCounter counter;
    private final ColdStart coldStart = new ColdStart();

    public MetricsCounterHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public MetricsCounterHandler(Platform p) {
        var analytics = new AnalyticsWiring(p);
        this(new MetricsCounter(analytics.ingest(), analytics.today(new TenancyWiring(p).tenants())));
        // SnapStart primes its way to DynamoDB before its snapshot.
        Priming.register(new TenancyWiring(p).priming());
    }

    public MetricsCounterHandler(MetricsCounter counter) {
        this.counter = counter;
    }

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        try (LogScope ignored = LogScope.open(context, coldStart.first(context), null)) {
            List<Map<String, String>> inserted = new ArrayList<>();
            if (event != null && event.getRecords() != null) {
                for (var record : event.getRecords()) {
                    if ("INSERT".equals(record.getEventName()) && record.getDynamodb() != null) {
                        inserted.add(strings(record.getDynamodb().getNewImage()));
                    }
                }
            }
            counter.count(inserted);
            return null;
        }
    }

    private static Map<String, String> strings(Map<String, AttributeValue> image) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> {
                String text = value.getS() != null ? value.getS() : value.getN();
                if (text != null) {
                    strings.put(name, text);
                }
            });
        }
        return strings;
    }
}
