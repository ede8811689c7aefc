package dev.switchboard.shared.delivery;

import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeliveryJobTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void jobsReadBackAsWrittenAndAnEventIsNoJob() {
        var attempt = new DeliveryJob.Attempt("acme", "we_1", "evt_1", "call.missed", 3, NOW,
                "{\"id\":\"evt_1\",\"type\":\"call.missed\"}");
        assertEquals(attempt, DeliveryJob.read(Json.parse(DeliveryJob.write(attempt))));
        var recovery = new DeliveryJob.Recovery("acme", "we_1", NOW.minusSeconds(3600), NOW, true, null);
        assertEquals(recovery, DeliveryJob.read(Json.parse(DeliveryJob.write(recovery))));
        assertEquals(recovery.continuing("pos"), DeliveryJob.read(Json.parse(DeliveryJob.write(recovery.continuing("pos")))));
        assertNull(DeliveryJob.read(Json.parse("{\"id\":\"evt_1\",\"type\":\"call.missed\",\"tenantId\":\"acme\"}")));
        assertThrows(IllegalArgumentException.class, () -> DeliveryJob.read(Json.parse("{\"job\":\"launch\"}")));
    }

    @Test
    void aJobIsDelayedUntilDueAndAtMostFifteenMinutes() {
        assertEquals(0, DeliveryQueue.delaySeconds(NOW, NOW));
        assertEquals(0, DeliveryQueue.delaySeconds(NOW.minusSeconds(5), NOW));
        assertEquals(5, DeliveryQueue.delaySeconds(NOW.plusMillis(4001), NOW), "never delivered early");
        assertEquals(0, DeliveryQueue.delaySeconds(NOW.plusMillis(300), NOW), "the worker waits out a fraction");
        assertEquals(900, DeliveryQueue.delaySeconds(NOW.plusSeconds(7200), NOW));
    }
}
