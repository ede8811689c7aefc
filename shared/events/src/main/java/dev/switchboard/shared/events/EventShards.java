package dev.switchboard.shared.events;

import dev.switchboard.shared.store.Shards;

import java.util.List;

/**
 * Where a tenant's events lie in the events table's byTenantShard index: under
 * {@code tenantShard = <tenantId>#<k>}, k from the event's id, so that a busy tenant's outbox spreads
 * over {@link #SHARDS} partitions instead of one.
 *
 * <p>Why 32: at 500 inbound calls and 500 messages a second, one tenant writes about 3,500 events a
 * second of 1 to 2 KB: up to 7,000 WCU a second, all into the index (it projects everything). Kept
 * under a third of DynamoDB's 1,000 WCU a second per partition, that is at least 7,000 / 333 = 21
 * shards; 32 leaves each about 220 WCU a second. The replay API reads all 32 on each page, side by
 * side. The count may only grow (readers query 0 to count - 1; see {@link Shards}).
 */
public final class EventShards {
    /** The index the replay API reads, and its partition key. */
    public static final String INDEX = "byTenantShard";
    public static final String ATTRIBUTE = "tenantShard";
    static final Shards SHARDS = new Shards(32);

    private EventShards() {
    }

    /** The partition key of one event of the tenant's. */
    public static String of(String tenantId, String eventId) {
        return SHARDS.key(tenantId, eventId);
    }

    /** Every partition key of the tenant's events. */
    public static List<String> of(String tenantId) {
        return SHARDS.keys(tenantId);
    }
}
