package dev.switchboard.local;

import dev.switchboard.events.publisher.EventsPublisher;
import dev.switchboard.events.publisher.OutboxRecord;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.DynamoEventLog;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventRouting;
import dev.switchboard.events.publisher.SqsEventSender;
import dev.switchboard.shared.store.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The replay API lists an event once it is older than the settle window; a transaction whose
 * commit is confirmed later than half the window (a stalled connection, retried conflicts) moves
 * its events to a new stamp, so a cursor handed out while it was on its way does not pass it; and
 * the events publisher does the same for a writer that stopped before its check.
 */
class EventSettleTest {
    private static final EventPayload STARTED = new EventPayload.CallStarted("CA" + "0".repeat(32), null,
            "inbound", null, null, null, null, null);

    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final SteppedClock clock = new SteppedClock(Instant.now());
    private final String tenantId = "settle" + Demo.newCallSid().substring(2, 12);
    private final EventOutbox outbox = new EventOutbox(TestStack.repositories().dynamo(), table(), Duration.ofDays(1),
            SETTLE, clock);
    private final DynamoEventLog log = new DynamoEventLog(TestStack.repositories().dynamo(), table(), SETTLE, clock);

    private static String table() {
        return TestStack.repositories().settings().tables().events();
    }

    @Test
    void anEventCommittedLateIsStampedAgainSoTheCursorHandedOutMeanwhileStillLeadsToIt() {
        var started = DomainEvent.of(tenantId, "late", clock.instant(), STARTED);
        var put = outbox.put(started);
        // The transaction is on its way for six seconds; a consumer polls meanwhile.
        clock.advance(Duration.ofSeconds(6));
        var meanwhile = log.read(tenantId, null, null, 100);
        assertEquals(List.of(), meanwhile.items());
        outbox.commit(List.of(put));

        clock.advance(SETTLE.plusMillis(1));
        var next = log.read(tenantId, meanwhile.nextCursor(), null, 100);
        assertEquals(List.of(started.id()), next.items().stream().map(e -> e.path("id").asText()).toList());
    }

    @Test
    void anEventIsListedOnlyOnceItHasSettled() {
        var started = DomainEvent.of(tenantId, "settling", clock.instant(), STARTED);
        outbox.commit(List.of(outbox.put(started)));
        var early = log.read(tenantId, null, null, 100);
        assertEquals(List.of(), early.items());
        clock.advance(SETTLE.plusMillis(1));
        assertEquals(1, log.read(tenantId, early.nextCursor(), null, 100).items().size());
    }

    @Test
    void anEventWhoseWriterStoppedAfterASlowCommitIsStampedAgainByThePublisher() {
        // A writer stamped the event six seconds before it committed, and stopped (a Lambda timeout)
        // right after the commit, before its own check; a consumer read meanwhile.
        var put = outbox.put(DomainEvent.of(tenantId, "stopped", clock.instant(), STARTED));
        clock.advance(Duration.ofSeconds(6));
        var meanwhile = log.read(tenantId, null, null, 100);
        Transactions.run(TestStack.repositories().dynamo(), List.of(put));
        Map<String, String> image = new HashMap<>();
        put.put().item().forEach((name, value) -> image.put(name, value.s() != null ? value.s() : value.n()));

        // The events publisher reads it from the stream, with the second it was written (as Lambda
        // gives it), and publishes it where routing says (nowhere, here).
        var publisher = new EventsPublisher(new EventRouting(List.of()),
                new SqsEventSender(TestStack.repositories().sqs()), outbox::settle);
        assertEquals(Optional.empty(), publisher.publish(List.of(new OutboxRecord("1", true, image,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)))));

        clock.advance(SETTLE.plusSeconds(1));
        assertEquals(List.of(image.get(EventOutbox.EVENT_ID)), log.read(tenantId, meanwhile.nextCursor(), null, 100)
                .items().stream().map(e -> e.path("id").asText()).toList());
    }
}
