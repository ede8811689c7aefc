package dev.switchboard.events.publisher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChunksTest {

    private static OutboxRecord record(int n, int bodyBytes) {
        return new OutboxRecord(Integer.toString(n), true, Map.of("eventId", "evt_" + n, "body", "x".repeat(bodyBytes)),
                null);
    }

    @Test
    void batchesHoldTenEventsAndStayUnderSqsSizeInStreamOrder() {
        List<OutboxRecord> small = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            small.add(record(i, 2_000));
        }
        var chunks = EventsPublisher.chunks(small);
        assertEquals(List.of(10, 10, 5), chunks.stream().map(List::size).toList());
        assertEquals(small, chunks.stream().flatMap(List::stream).toList(), "stream order kept");

        List<OutboxRecord> large = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            large.add(record(i, 60_000));
        }
        var cut = EventsPublisher.chunks(large);
        assertEquals(List.of(3, 3), cut.stream().map(List::size).toList(), "cut by size before ten");
        assertEquals(List.of(1), EventsPublisher.chunks(List.of(record(0, 300_000))).stream().map(List::size).toList(),
                "one oversized event goes alone (SQS says what it thinks of it)");
    }
}
