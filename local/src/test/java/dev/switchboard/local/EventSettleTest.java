package dev.switchboard.local;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.DynamoEventLog;
import dev.switchboard.shared.events.EventOutbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The replay API lists an event once it is older than the settle window; a transaction whose
 * commit is confirmed later than half the window (a stalled connection, retried conflicts) moves
 * its events to a new stamp, so a cursor handed out while it was on its way does not pass it.
 */
class EventSettleTest {
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final SteppedClock clock = new SteppedClock(Instant.now());
    private final String tenantId = "settle" + Demo.newCallSid().substring(2, 12);
    private final EventOutbox outbox = new EventOutbox(TestStack.platform().dynamo(), table(), Duration.ofDays(1),
            SETTLE, clock);
    private final DynamoEventLog log = new DynamoEventLog(TestStack.platform().dynamo(), table(), SETTLE, clock);

    private static String table() {
        return TestStack.platform().settings().tables().events();
    }

    @Test
    void anEventCommittedLateIsStampedAgainSoTheCursorHandedOutMeanwhileStillLeadsToIt() {
        var started = DomainEvent.of(DomainEvent.CALL_STARTED, tenantId, "late", clock.instant(), Map.of());
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
        var started = DomainEvent.of(DomainEvent.CALL_STARTED, tenantId, "settling", clock.instant(), Map.of());
        outbox.commit(List.of(outbox.put(started)));
        var early = log.read(tenantId, null, null, 100);
        assertEquals(List.of(), early.items());
        clock.advance(SETTLE.plusMillis(1));
        assertEquals(1, log.read(tenantId, early.nextCursor(), null, 100).items().size());
    }

    @Test
    void anEventWhoseWriterStoppedAfterASlowCommitIsStampedAgainFromTheStream() {
        // A writer stamped the event ten seconds ago and stopped (a Lambda timeout) right after its
        // transaction committed, before its own check.
        var stalled = new SteppedClock(Instant.now().minusSeconds(10));
        var writer = new EventOutbox(TestStack.platform().dynamo(), table(), Duration.ofDays(1), SETTLE, stalled);
        var live = new DynamoEventLog(TestStack.platform().dynamo(), table(), SETTLE, java.time.Clock.systemUTC());
        String cursor = live.read(tenantId, null, null, 100).nextCursor();
        var started = DomainEvent.of(DomainEvent.CALL_STARTED, tenantId, "stopped", stalled.instant(), Map.of());
        dev.switchboard.shared.store.Transactions.run(TestStack.platform().dynamo(), List.of(writer.put(started)));

        // The events publisher reads it from the stream, with the time it was written.
        TestStack.get().eventSources().drain();
        Instant deadline = Instant.now().plus(SETTLE.multipliedBy(3));
        List<String> listed = List.of();
        while (listed.isEmpty() && Instant.now().isBefore(deadline)) {
            var page = live.read(tenantId, cursor, null, 100);
            listed = page.items().stream().map(e -> e.path("id").asText()).toList();
            if (listed.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        assertEquals(List.of(started.id()), listed, "listed after the cursor handed out before it committed");
    }
}
