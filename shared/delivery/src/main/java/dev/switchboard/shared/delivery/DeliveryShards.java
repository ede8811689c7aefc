package dev.switchboard.shared.delivery;

import dev.switchboard.shared.store.Shards;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an endpoint's delivery log lies in WebhookDeliveriesTable: its partition key,
 * {@code endpointId}, holds {@code <endpointId>#<k>}, k from the event's id, so an event's attempts
 * and its last result ({@code d#<eventId>}, found by GetItem) share one partition, and a busy
 * endpoint's log spreads over {@link #SHARDS} of them.
 *
 * <p>Why 64: an endpoint that takes every event of a tenant at 500 calls and 500 messages a second
 * gets about 3,500 events a second; each writes an attempt (up to about 1.4 KB with the 1 KB excerpt
 * of the answer: 2 WCU) and the event's result (1 WCU): 10,500 WCU a second before any retry, 32
 * shards at a third of DynamoDB's 1,000 WCU a second per partition, with nothing to spare; 64 leave
 * each about 165. The attempts list reads all 64 on each page, side by side. The count may only
 * grow (see {@link Shards}).
 */
public final class DeliveryShards {
    static final Shards SHARDS = new Shards(64);

    private DeliveryShards() {
    }

    /** The partition of the endpoint's log that holds the event's attempts and result. */
    public static String of(String endpointId, String eventId) {
        return SHARDS.key(endpointId, eventId);
    }

    /**
     * Every partition of the endpoint's log: its shards, and the endpoint's own id, where the log was
     * kept before it was sharded (read until those entries expire, EventRetentionDays later).
     */
    public static List<String> all(String endpointId) {
        List<String> all = new ArrayList<>(SHARDS.keys(endpointId));
        all.add(endpointId);
        return List.copyOf(all);
    }
}
