package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.ShardedQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static dev.switchboard.shared.messaging.MessageItems.conversationKey;

/**
 * The conversation items of MessagesTable, (CONV#id, CONV), listed through the byTenantActivityShard
 * index, every shard of the tenant's merged newest first ({@link ConversationShards}); whether each party opted out comes from {@link OptOuts}.
 */
public final class DynamoConversations implements Conversations {
    private final DynamoDbClient dynamo;
    private final String table;
    private final OptOuts optOuts;

    public DynamoConversations(DynamoDbClient dynamo, String table, OptOuts optOuts) {
        this.dynamo = dynamo;
        this.table = table;
        this.optOuts = optOuts;
    }

    @Override
    public Page<Conversation> list(String tenantId, String cursor, int limit) {
        // A cursor handed out before the list was sharded (a LastEvaluatedKey) goes on from its activityAt.
        var earlier = KeyCursor.earlier(cursor, tenantId, "pk", "sk", "tenantId", "activityAt");
        var page = ShardedQuery.of(table, ConversationShards.INDEX, ConversationShards.ATTRIBUTE,
                        ConversationShards.of(tenantId), "activityAt")
                .newestFirst()
                .after(earlier == null ? cursor : earlier.get("activityAt").s())
                .limit(limit)
                .page(dynamo, Function.identity());
        Set<String> out = optOuts.optedOut(tenantId, page.items().stream().map(i -> Item.string(i, "party")).toList());
        return new Page<>(page.items().stream()
                .map(i -> conversation(i, out.contains(Item.string(i, "party")))).toList(),
                page.nextCursor());
    }

    @Override
    public Optional<Conversation> get(String tenantId, String conversationId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(conversationKey(conversationId)))
                .item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        String party = Item.string(item, "party");
        return Optional.of(conversation(item, party != null
                && optOuts.barring(tenantId, party).isPresent()));
    }

    @Override
    public boolean markRead(String tenantId, String conversationId, Instant now) {
        try {
            dynamo.updateItem(Expression.when("tenantId = :t").with(":t", tenantId)
                    .set("unreadCount", 0).set("lastReadAt", now.toString())
                    .updateItem(table, conversationKey(conversationId)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean claimAutoReply(String tenantId, String conversationId, Instant now, Duration window) {
        try {
            dynamo.updateItem(Expression.when("tenantId = :t"
                            + " AND (attribute_not_exists(autoRepliedAt) OR autoRepliedAt <= :cutoff)")
                    .with(":t", tenantId).with(":cutoff", now.minus(window).toEpochMilli())
                    .set("autoRepliedAt", now.toEpochMilli())
                    .updateItem(table, conversationKey(conversationId)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Conversation conversation(Map<String, AttributeValue> i, boolean optedOut) {
        var last = Item.map(i, "lastMessage");
        Conversation.LastMessage lastMessage = last.isEmpty() ? null : new Conversation.LastMessage(
                Item.string(last, "messageId"), Item.string(last, "direction"), Item.string(last, "body"),
                Optional.ofNullable(Item.number(last, "numMedia")).orElse(0L).intValue(), Item.instant(last, "at"));
        Long unread = Item.number(i, "unreadCount");
        return new Conversation(Item.string(i, "conversationId"), Item.string(i, "tenantId"), Item.string(i, "number"),
                Item.string(i, "party"), lastMessage, Item.instant(i, "lastActivityAt"), unread == null ? 0 : unread,
                optedOut);
    }
}
