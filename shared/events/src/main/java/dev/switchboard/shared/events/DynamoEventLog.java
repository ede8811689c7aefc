package dev.switchboard.shared.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.ShardedQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The events table's byTenantShard index (tenantShard, position), every shard of the tenant's read
 * forwards and merged in position order ({@link ShardedQuery}), up to a horizon: the settle window
 * before now. Whatever is stamped before the horizon has committed and is in the
 * index (EventOutbox keeps it so), so a cursor never passes an event still to come.
 */
public final class DynamoEventLog implements EventLog {
    /** How many items one page may look at, across shards and reads, to fill up with a type's events. */
    static final int READ_BUDGET = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration settle;
    private final Clock clock;

    public DynamoEventLog(DynamoDbClient dynamo, String table, Duration settle, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public Page read(String tenantId, String after, String typePrefix, int limit) {
        String horizon = LogPosition.time(clock.instant().minus(settle));
        after = after == null ? null : LogPosition.normalize(after);
        if (after != null && after.compareTo(horizon) >= 0) {
            return new Page(List.of(), after, false);
        }
        // Every shard up to the horizon (a bare time: no position equals it), merged in position order;
        // read on until the page is full and one more event is seen, or the budget is spent.
        var page = ShardedQuery.of(table, EventShards.INDEX, EventShards.ATTRIBUTE, EventShards.of(tenantId),
                        EventOutbox.POSITION)
                .to(horizon)
                .whereBeginsWith(EventOutbox.TYPE, typePrefix)
                .after(after).limit(limit).fill(READ_BUDGET)
                .page(dynamo, item -> parse(Item.string(item, EventOutbox.BODY)));
        if (page.nextCursor() == null) {
            // Everything stamped before the horizon has been read: the next read starts there.
            return new Page(page.items(), horizon, false);
        }
        // More is waiting, or the budget ran out looking past events of other types: go on from
        // the last event returned, or as far as every shard was read.
        return new Page(page.items(), page.nextCursor(), true);
    }

    @Override
    public java.util.Optional<JsonNode> get(String tenantId, String eventId) {
        return item(tenantId, eventId).map(item -> parse(Item.string(item, EventOutbox.BODY)));
    }

    @Override
    public java.util.Optional<String> positionOf(String tenantId, String eventId) {
        return item(tenantId, eventId).map(item -> Item.string(item, EventOutbox.POSITION));
    }

    private java.util.Optional<Map<String, AttributeValue>> item(String tenantId, String eventId) {
        if (eventId == null || eventId.isEmpty() || eventId.length() > 100) {
            return java.util.Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(EventOutbox.EVENT_ID, AttributeValue.fromS(eventId)))).item();
        if (item == null || !tenantId.equals(Item.string(item, EventOutbox.TENANT_ID))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(item);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox item's body is not JSON", e);
        }
    }
}
