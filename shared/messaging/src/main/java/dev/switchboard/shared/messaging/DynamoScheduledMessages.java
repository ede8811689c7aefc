package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.ShardedQuery;
import dev.switchboard.shared.store.Transaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.shared.messaging.MessageItems.messageKey;
import static dev.switchboard.shared.messaging.MessageItems.sortable;
import static dev.switchboard.shared.store.Item.n;

/**
 * Scheduled message items of MessagesTable: a message at (MSG#id, MSG) that, while it waits to be
 * sent, is in the byDue index (dueShard = one of {@link DueShards}, dueAt = its sendAt and id) and, while it is being sent,
 * holds the sender's claim (claimedAt, the latest, and sendingSince, the first, in epoch ms).
 */
public final class DynamoScheduledMessages implements ScheduledMessages {
    private static final AttributeValue SCHEDULED = AttributeValue.fromS(MessageStatus.SCHEDULED.wire());
    private static final AttributeValue SENDING = AttributeValue.fromS(MessageStatus.SENDING.wire());

    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;

    public DynamoScheduledMessages(DynamoDbClient dynamo, String table, EventOutbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    @Override
    public void schedule(Message m) {
        Map<String, AttributeValue> item = new HashMap<>(MessageItems.messageItem(m));
        item.put(DueShards.ATTRIBUTE, AttributeValue.fromS(DueShards.of(m.id())));
        item.put("dueAt", AttributeValue.fromS(sortable(m.sendAt()) + "#" + m.id()));
        MessageItems.created(table, m, item).commit(outbox::commit).ifPresent(refused -> {
            throw MessageItems.notCreated(m, refused);
        });
    }

    @Override
    public List<Due> due(Instant until, int limit) {
        // Every shard, merged in sendAt order, a page of at most 100 at a time.
        List<Due> due = new ArrayList<>();
        String after = null;
        do {
            var page = ShardedQuery.of(table, "byDue", DueShards.ATTRIBUTE, DueShards.all(), "dueAt")
                    .to(sortable(until) + "#~").after(after).limit(Math.min(limit - due.size(), 100))
                    .page(dynamo, i -> new Due(Item.string(i, "tenantId"), Item.string(i, "messageId"),
                            Instant.parse(Item.string(i, "sendAt")),
                            MessageStatus.fromWire(Item.string(i, "status")).orElse(null),
                            Optional.ofNullable(Item.number(i, "claimedAt")).map(Instant::ofEpochMilli).orElse(null)));
            due.addAll(page.items());
            after = page.nextCursor();
        } while (after != null && due.size() < limit);
        return due;
    }

    @Override
    public Optional<Claimed> claim(String tenantId, String messageId, Instant now, Instant stuckBefore) {
        Expression claim = Expression.when("tenantId = :t AND (#status = :scheduled OR (#status = :sending"
                        + " AND attribute_not_exists(messageSid) AND claimedAt < :stuck))")
                .named("#status", "status").with(":t", tenantId).with(":scheduled", SCHEDULED)
                .with(":sending", SENDING).with(":stuck", stuckBefore.toEpochMilli())
                .set("status", SENDING).set("statusRank", n(MessageStatus.SENDING.rank()))
                .set("claimedAt", n(now.toEpochMilli()))
                .setIfAbsent("sendingSince", n(now.toEpochMilli()));
        Map<String, AttributeValue> old;
        try {
            old = dynamo.updateItem(claim.updateItem(table, messageKey(messageId)).toBuilder()
                    .returnValues(ReturnValue.ALL_OLD).build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        Message taken = MessageItems.message(old);
        Long last = taken.status() == MessageStatus.SENDING ? Item.number(old, "claimedAt") : null;
        if (last == null) {
            return Optional.of(new Claimed(taken, null, null));
        }
        Long first = Optional.ofNullable(Item.number(old, "sendingSince")).orElse(last);
        return Optional.of(new Claimed(taken, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)));
    }

    @Override
    public Outcome attribute(Message claimed, String messageSid) {
        Message m = claimed.withSid(messageSid, null);
        Expression update = Expression.when("tenantId = :t AND #status = :sending"
                        + " AND attribute_not_exists(messageSid)")
                .named("#status", "status").with(":t", m.tenantId()).with(":sending", SENDING)
                .set("messageSid", messageSid).remove("dueShard").remove("dueAt");
        return new Transaction<Outcome>()
                .add(update.update(table, messageKey(m.id())), Outcome.REPEAT)
                .add(MessageItems.claimSid(table, m.tenantId(), messageSid, m.id()), Outcome.FOREIGN)
                .add(MessageItems.toConversation(table, m, MessageItems.conversationActivity(m)), Outcome.FOREIGN)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public void failedToSend(Message claimed, String errorCode, String errorMessage, DomainEvent event) {
        Expression update = Expression.when("tenantId = :t AND #status = :sending")
                .named("#status", "status").with(":t", claimed.tenantId()).with(":sending", SENDING)
                .set("status", MessageStatus.FAILED.wire()).set("statusRank", n(MessageStatus.FAILED.rank()))
                .remove("dueShard").remove("dueAt")
                .set("errorCode", errorCode).set("errorMessage", errorMessage);
        // Refused when it is no longer being sent: nothing to fail.
        new Transaction<Outcome>().add(update.update(table, messageKey(claimed.id())), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit);
    }

    @Override
    public void release(Message claimed) {
        try {
            dynamo.updateItem(Expression.when("#status = :sending AND attribute_not_exists(messageSid)")
                    .named("#status", "status").with(":sending", SENDING)
                    .set("status", SCHEDULED).set("statusRank", n(MessageStatus.SCHEDULED.rank()))
                    .remove("claimedAt").remove("sendingSince")
                    .updateItem(table, messageKey(claimed.id())));
        } catch (ConditionalCheckFailedException e) {
            // Already moved on (sent after all, or canceled): nothing to give back.
        }
    }
}
