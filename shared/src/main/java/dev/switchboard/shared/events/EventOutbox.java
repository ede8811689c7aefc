package dev.switchboard.shared.events;

import dev.switchboard.shared.json.JsonText;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events table as an outbox: a domain event is written in the same DynamoDB transaction as
 * the state change it reports, and EventsPublisherFunction publishes it from the table's stream.
 * The event's id is its key and the put is conditional on its absence, so a redelivered cause
 * (same id) cancels the whole transaction instead of writing anything twice.
 *
 * <p>Item: {@code eventId} (key), {@code tenantId}, {@code type}, {@code occurredAt},
 * {@code position} ({@code occurredAt#eventId}, the sort key of the byTenant index that the
 * replay API reads), {@code body} (the message exactly as consumers receive it) and
 * {@code expiresAt} (DynamoDB TTL, EventRetentionDays after it occurred).
 */
public final class EventOutbox {
    public static final String EVENT_ID = "eventId";
    public static final String TENANT_ID = "tenantId";
    public static final String TYPE = "type";
    public static final String POSITION = "position";
    public static final String BODY = "body";

    private final String table;
    private final Duration retention;

    public EventOutbox(String table, Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /** The event's put, for the transaction that carries its state change. */
    public TransactWriteItem put(DomainEvent event) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(Item.create()
                        .put(EVENT_ID, event.id())
                        .put(TENANT_ID, event.tenantId())
                        .put(TYPE, event.type())
                        .put("occurredAt", event.occurredAt().toString())
                        .put(POSITION, position(event))
                        .put(BODY, body(event))
                        .put("expiresAt", event.occurredAt().plus(retention).getEpochSecond())
                        .build())
                .conditionExpression("attribute_not_exists(" + EVENT_ID + ")")
                .build()).build();
    }

    /** The message exactly as consumers receive it (docs/events.md). */
    public static String body(DomainEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("tenantId", event.tenantId());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("payload", event.payload());
        return JsonText.write(body);
    }

    /** Oldest first within a tenant; the id breaks ties between events of the same instant. */
    static String position(DomainEvent event) {
        return event.occurredAt().toString() + "#" + event.id();
    }
}
