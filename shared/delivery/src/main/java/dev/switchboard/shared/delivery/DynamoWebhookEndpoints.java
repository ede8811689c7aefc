package dev.switchboard.shared.delivery;

import dev.switchboard.shared.events.EventTypeFilter;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.IndexQuery;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.Transaction;
import dev.switchboard.shared.store.Transactions;
import dev.switchboard.shared.store.WholeItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoints in their tenant's partition, and beside them (sort key {@link #COUNT}, after every id)
 * how many the tenant has: created and deleted in one transaction with the endpoint, so that the
 * limit holds however many requests race.
 */
public record DynamoWebhookEndpoints(DynamoDbClient dynamo, String table, EventOutbox outbox)
        implements WebhookEndpoints {
    static final String COUNT = "~count";

    @Override
    public Created create(WebhookEndpoint endpoint) {
        return new Transaction<Created>()
                .add(Expression.when("attribute_not_exists(endpointId)").put(table, item(endpoint)), Created.ID_TAKEN)
                .add(Expression.when("attribute_not_exists(endpoints) OR endpoints < :max")
                        .with(":max", WebhookEndpoints.MAX_PER_TENANT).add("endpoints", Item.n(1))
                        .update(table, key(endpoint.tenantId(), COUNT)), Created.TOO_MANY)
                .commit(items -> Transactions.run(dynamo, items)).orElse(Created.CREATED);
    }

    @Override
    public Optional<WebhookEndpoint> get(String tenantId, String endpointId) {
        if (endpointId.startsWith("~")) {
            return Optional.empty();
        }
        return WholeItem.get(dynamo, table, key(tenantId, endpointId)).map(DynamoWebhookEndpoints::endpoint);
    }

    @Override
    public boolean replace(WebhookEndpoint before, WebhookEndpoint after) {
        return WholeItem.replace(dynamo, table, item(before), item(after));
    }

    @Override
    public boolean replace(WebhookEndpoint before, WebhookEndpoint after, List<DomainEvent> events) {
        if (events.isEmpty()) {
            return replace(before, after);
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(WholeItem.replacing(table, item(before), item(after)));
        events.forEach(event -> items.add(outbox.put(event)));
        var refused = outbox.commit(items);
        if (refused.isPresent() && !Transactions.failed(refused.get(), 0)) {
            // The endpoint was as read but its event exists already (an earlier try of this change
            // that stopped before the endpoint's own write): the change alone remains to be made.
            return replace(before, after);
        }
        return refused.isEmpty();
    }

    @Override
    public Page<WebhookEndpoint> list(String tenantId, String cursor, int limit) {
        return IndexQuery.of(table, null, "tenantId = :t AND endpointId < :count")
                .with(":t", tenantId).with(":count", "~")
                .after(KeyCursor.decode(cursor, tenantId, "tenantId", "endpointId")).limit(limit)
                .page(dynamo, DynamoWebhookEndpoints::endpoint);
    }

    @Override
    public boolean delete(String tenantId, String endpointId) {
        if (endpointId.startsWith("~")) {
            return false;
        }
        enum Refused { NO_ENDPOINT, NO_COUNT }
        var refused = new Transaction<Refused>()
                .add(Expression.when("attribute_exists(endpointId)").delete(table, key(tenantId, endpointId)),
                        Refused.NO_ENDPOINT)
                .add(Expression.when("endpoints > :zero").with(":zero", 0).add("endpoints", Item.n(-1))
                        .update(table, key(tenantId, COUNT)), Refused.NO_COUNT)
                .commit(items -> Transactions.run(dynamo, items));
        if (refused.isEmpty()) {
            return true;
        }
        if (refused.get() == Refused.NO_COUNT) {
            // A count that is missing or already 0 (a partial restore) must not keep an endpoint alive.
            try {
                dynamo.deleteItem(Expression.when("attribute_exists(endpointId)").deleteItem(table, key(tenantId, endpointId)));
                return true;
            } catch (ConditionalCheckFailedException gone) {
                return false;
            }
        }
        return false;
    }

    private static Map<String, AttributeValue> key(String tenantId, String endpointId) {
        return Map.of("tenantId", AttributeValue.fromS(tenantId), "endpointId", AttributeValue.fromS(endpointId));
    }

    private static Map<String, AttributeValue> item(WebhookEndpoint e) {
        Item item = Item.create()
                .put("tenantId", e.tenantId())
                .put("endpointId", e.id())
                .put("url", e.url())
                .put("description", e.description())
                .put("eventTypes", String.join(" ", e.eventTypes().patterns()))
                .put("secret", e.secret())
                .put("previousSecret", e.previous())
                .put("previousUntil", text(e.previousUntil()))
                .put("createdAt", text(e.createdAt()))
                .put("updatedAt", text(e.updatedAt()));
        switch (e.health()) {
            case EndpointHealth.Healthy healthy -> item.put("health", "healthy");
            case EndpointHealth.Failing failing -> item.put("health", "failing")
                    .put("failingSince", text(failing.since())).put("warned", failing.warned());
            case EndpointHealth.Disabled disabled -> item.put("health", "disabled")
                    .put("failingSince", text(disabled.failingSince())).put("disabledReason", disabled.reason());
        }
        return item.build();
    }

    private static WebhookEndpoint endpoint(Map<String, AttributeValue> i) {
        EndpointHealth health = switch (String.valueOf(Item.string(i, "health"))) {
            case "failing" -> new EndpointHealth.Failing(Item.instant(i, "failingSince"), Item.bool(i, "warned"));
            case "disabled" -> new EndpointHealth.Disabled(Item.instant(i, "failingSince"),
                    Item.string(i, "disabledReason"));
            default -> new EndpointHealth.Healthy();
        };
        return new WebhookEndpoint(Item.string(i, "tenantId"), Item.string(i, "endpointId"), Item.string(i, "url"),
                Item.string(i, "description"),
                new EventTypeFilter(Arrays.asList(Item.string(i, "eventTypes").split(" "))),
                Item.string(i, "secret"), Item.string(i, "previousSecret"), Item.instant(i, "previousUntil"),
                health, Item.instant(i, "createdAt"), Item.instant(i, "updatedAt"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
