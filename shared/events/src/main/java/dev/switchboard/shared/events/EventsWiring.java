package dev.switchboard.shared.events;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.priming.PrimingFixture;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The events capability's wiring: the outbox every capability writes through, and the replay log. */
public final class EventsWiring {
    private final Platform platform;

    public EventsWiring(Platform platform) {
        this.platform = platform;
    }

    /** The outbox every repository writes its events through, in the transaction of their change. */
    public EventOutbox outbox() {
        var settings = platform.settings();
        return new EventOutbox(platform.dynamo(), settings.tables().events(), settings.eventRetention(),
                settings.eventsSettle(), platform.clock());
    }

    /** A tenant's events in the order of the log, for replay. */
    public EventLog log() {
        var settings = platform.settings();
        return new DynamoEventLog(platform.dynamo(), settings.tables().events(), settings.eventsSettle(),
                platform.clock());
    }

    /**
     * The log read to its live edge, not held back by the settle window: for a browser catching up
     * on a reconnect, which de-duplicates and is read to again once the window has passed.
     */
    public EventLog liveLog() {
        var settings = platform.settings();
        return new DynamoEventLog(platform.dynamo(), settings.tables().events(), java.time.Duration.ZERO,
                platform.clock());
    }

    /**
     * Priming for a function that reads no other capability's tables (the events publisher): no
     * made-up items, one real read of an event that does not exist.
     */
    public PrimingFixture priming() {
        return new PrimingFixture() {
            @Override
            public Map<String, Object> item(String operation, String body) {
                return null;
            }

            @Override
            public void realRead() {
                platform.dynamo().getItem(b -> b.tableName(platform.settings().tables().events())
                        .key(Map.of(EventOutbox.EVENT_ID, AttributeValue.fromS(Priming.TENANT))));
            }
        };
    }
}
