package dev.switchboard.shared.delivery;

import dev.switchboard.shared.events.EventTypeFilter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which events an endpoint takes, what an answer means, when to try again, and when to give up. */
class DeliveryRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void typesMatchExactlyByPrefixOrAll() {
        var filter = new EventTypeFilter(List.of("call.*", "message.received"));
        assertTrue(filter.matches("call.missed"));
        assertTrue(filter.matches("call.status-changed"));
        assertTrue(filter.matches("message.received"));
        assertFalse(filter.matches("message.status-changed"));
        assertFalse(filter.matches("callx.started"), "a prefix ends at a dot");
        assertTrue(new EventTypeFilter(List.of("*")).matches("voicemail.left"));
        for (String bad : List.of("", "call.", "call*", "*.missed", "CALL.missed", "call..missed")) {
            assertThrows(IllegalArgumentException.class, () -> new EventTypeFilter(List.of(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new EventTypeFilter(List.of()));
    }

    @Test
    void answersDecideTheAttempt() {
        assertInstanceOf(AttemptOutcome.Delivered.class, AttemptOutcome.of(204, null, NOW));
        assertInstanceOf(AttemptOutcome.Gone.class, AttemptOutcome.of(410, null, NOW));
        var redirect = assertInstanceOf(AttemptOutcome.Failed.class, AttemptOutcome.of(302, null, NOW));
        assertEquals("redirect not followed", redirect.reason());
        var limited = assertInstanceOf(AttemptOutcome.Failed.class, AttemptOutcome.of(429, "120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(120)), limited.retryAfter());
        var unavailable = assertInstanceOf(AttemptOutcome.Failed.class,
                AttemptOutcome.of(503, "Tue, 01 Dec 2026 12:10:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ofMinutes(10)), unavailable.retryAfter());
        var ignored = assertInstanceOf(AttemptOutcome.Failed.class, AttemptOutcome.of(500, "120", NOW));
        assertEquals(Optional.empty(), ignored.retryAfter(), "only 429 and 503 set the pace");
        var nonsense = assertInstanceOf(AttemptOutcome.Failed.class, AttemptOutcome.of(429, "soon", NOW));
        assertEquals(Optional.empty(), nonsense.retryAfter());
    }

    @Test
    void theScheduleIsTheSpecificationsWithJitterAndRetryAfter() {
        var exact = RetrySchedule.compressed(1, () -> 0);
        assertEquals(10, exact.attempts());
        assertEquals(Optional.of(Duration.ofSeconds(5)), exact.after(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMinutes(5)), exact.after(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofHours(24)), exact.after(9, Optional.empty()));
        assertEquals(Optional.empty(), exact.after(10, Optional.empty()), "ten attempts, then no more");
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < 10; attempt++) {
            total = total.plus(exact.after(attempt, Optional.empty()).orElseThrow());
        }
        assertTrue(total.compareTo(Duration.ofHours(75)) > 0 && total.compareTo(Duration.ofHours(76)) < 0, total.toString());
        var jittered = RetrySchedule.compressed(1, () -> 1);
        assertEquals(Optional.of(Duration.ofMinutes(33)), jittered.after(3, Optional.empty()), "a tenth more at most");
        assertEquals(Optional.of(Duration.ofHours(1)), exact.after(2, Optional.of(Duration.ofHours(1))),
                "Retry-After asks for longer");
        assertEquals(Optional.of(Duration.ofMinutes(5)), exact.after(2, Optional.of(Duration.ofSeconds(1))),
                "never sooner than the schedule");
        assertEquals(Optional.of(Duration.ofHours(24)), exact.after(2, Optional.of(Duration.ofDays(30))), "capped");
        assertEquals(Optional.of(Duration.ofMillis(5)), RetrySchedule.compressed(1000, () -> 0).after(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetrySchedule.compressed(1000, () -> 0)
                .after(1, Optional.of(Duration.ofSeconds(2))), "a receiver's Retry-After is not compressed");
    }

    @Test
    void failingForFourDaysWarnsOnceAndForFiveDisables() {
        EndpointHealth health = new EndpointHealth.Healthy();
        var failed = AttemptOutcome.of(500, null, NOW);
        var first = EndpointHealth.after(health, failed, NOW);
        assertEquals(new EndpointHealth.Failing(NOW, false), first.health());
        var day4 = EndpointHealth.after(first.health(), failed, NOW.plus(Duration.ofDays(4)));
        assertTrue(day4.warnNow());
        var later = EndpointHealth.after(day4.health(), failed, NOW.plus(Duration.ofDays(4).plusHours(5)));
        assertFalse(later.warnNow(), "warned once");
        var day5 = EndpointHealth.after(later.health(), failed, NOW.plus(Duration.ofDays(5)));
        assertEquals(NOW, assertInstanceOf(EndpointHealth.Disabled.class, day5.health()).failingSince(),
                "recovery offers everything since the first failure");
        var recovered = EndpointHealth.after(later.health(), AttemptOutcome.of(200, null, NOW), NOW.plus(Duration.ofDays(4)));
        assertInstanceOf(EndpointHealth.Healthy.class, recovered.health());
        assertInstanceOf(EndpointHealth.Disabled.class,
                EndpointHealth.after(health, AttemptOutcome.of(410, null, NOW), NOW).health());
    }
}
