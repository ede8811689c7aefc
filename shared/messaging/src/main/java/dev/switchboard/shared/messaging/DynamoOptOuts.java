package dev.switchboard.shared.messaging;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Batches;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.switchboard.shared.messaging.MessageItems.optOutKey;

/** The opt-out items of MessagesTable, (OPTOUT#tenantId#party, OPTOUT): one per party the tenant has. */
public final class DynamoOptOuts implements OptOuts {
    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;

    public DynamoOptOuts(DynamoDbClient dynamo, String table, EventOutbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    @Override
    public Outcome setOptedOut(String tenantId, String number, String party, boolean optedOut, Instant now,
                               DomainEvent event) {
        Expression change = MessageItems.optOutChange(tenantId, number, party, optedOut, now)
                .condition("attribute_not_exists(optedOut) OR optedOut <> :o")
                .with(":o", AttributeValue.fromBool(optedOut));
        return new Transaction<Outcome>().add(change.update(table, optOutKey(tenantId, party)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Optional<OptOut> optOut(String tenantId, String party) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(optOutKey(tenantId, party))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(new OptOut(tenantId, party, Item.bool(item, "optedOut"), Item.string(item, "number"),
                Item.instant(item, "changedAt")));
    }

    /** One BatchGetItem for a page of parties. */
    @Override
    public Set<String> optedOut(String tenantId, Collection<String> parties) {
        List<Map<String, AttributeValue>> keys = parties.stream().filter(Objects::nonNull).distinct()
                .map(p -> optOutKey(tenantId, p)).toList();
        return Batches.get(dynamo, table, keys).stream()
                .filter(i -> tenantId.equals(Item.string(i, "tenantId")) && Item.bool(i, "optedOut"))
                .map(i -> Item.string(i, "party")).collect(Collectors.toSet());
    }
}
