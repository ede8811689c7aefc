package dev.switchboard.shared.analytics.wiring;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.analytics.ingest.MetricsIngest;
import dev.switchboard.shared.analytics.ingest.Recount;
import dev.switchboard.shared.analytics.live.TodaySoFar;
import dev.switchboard.shared.analytics.report.MetricsReader;
import dev.switchboard.shared.analytics.store.DynamoMetricsStore;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.tenancy.Tenants;

import java.time.Duration;

/** The analytics capability's wiring: the metrics table, counting events into it, and reading reports. */
public final class AnalyticsWiring {
    /** Facts outlive their events by a day: an event still in the log is still counted once. */
    private static final Duration FACT_MARGIN = Duration.ofDays(1);

    private final Platform platform;
    private DynamoMetricsStore store;

    public AnalyticsWiring(Platform platform) {
        this.platform = platform;
    }

    public synchronized DynamoMetricsStore store() {
        if (store == null) {
            store = new DynamoMetricsStore(platform.dynamo(), platform.settings().tables().metrics(),
                    platform.settings().eventRetention().plus(FACT_MARGIN));
        }
        return store;
    }

    public MetricsIngest ingest() {
        return new MetricsIngest(store(), platform.clock());
    }

    public MetricsReader reader() {
        return new MetricsReader(store());
    }

    /** Feeding a window of the event log to the counter again (an operator's route). */
    public Recount recount() {
        return new Recount(new EventsWiring(platform).log(), ingest(), platform.clock());
    }

    /**
     * Today's figures, pushed through the WebSocket push worker's queue; nowhere when the
     * deployment has no WebSocket API. The SQS client is built on the first push.
     */
    public TodaySoFar today(Tenants tenants) {
        var queue = platform.settings().channels().realtimeQueueUrl();
        java.util.function.Consumer<String> push = queue.<java.util.function.Consumer<String>>map(url ->
                frame -> platform.sqs().sendMessage(b -> b.queueUrl(url).messageBody(frame))).orElse(frame -> {
                });
        return new TodaySoFar(reader(), push, tenants::timeZone, platform.clock());
    }
}
