package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.IndexQuery;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.Transaction;
import dev.switchboard.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static dev.switchboard.shared.messaging.MessageItems.conversationActivity;
import static dev.switchboard.shared.messaging.MessageItems.messageItem;
import static dev.switchboard.shared.messaging.MessageItems.messageKey;
import static dev.switchboard.shared.messaging.MessageItems.toConversation;
import static dev.switchboard.shared.store.Item.n;

/**
 * The message items of MessagesTable, (MSG#id, MSG), with each one's timeline of status callbacks
 * at (MSG#id, LOG#digest), listed by conversation through the byConversation index.
 */
public final class DynamoMessages implements Messages {
    /**
     * Why a status transaction was refused: the delivery was seen before, the SID is another
     * message's, or the message moved meanwhile.
     */
    private enum Refusal { REPEAT, FOREIGN, CHANGED }

    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;

    public DynamoMessages(DynamoDbClient dynamo, String table, EventOutbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    @Override
    public Outcome received(Message m, Optional<Boolean> optedOut, List<DomainEvent> events) {
        // The conversation first: one of another tenant's is FOREIGN, whatever else was refused.
        var write = new Transaction<Outcome>()
                .add(toConversation(table, m, conversationActivity(m).add("unreadCount", n(1))), Outcome.FOREIGN)
                // The message's id is the tenant's and the MessageSid's: writing it is the delivery's claim.
                .add(Expression.when("attribute_not_exists(pk)").put(table, messageItem(m)), Outcome.REPEAT);
        // The last keyword wins, whichever of the tenant's senders it reached.
        optedOut.ifPresent(out -> write.add(MessageItems.optOutChange(m.tenantId(), m.number(), m.party(), out,
                m.createdAt()).update(table, MessageItems.optOutKey(m.tenantId(), m.party())), Outcome.REPEAT));
        return write.addAll(events.stream().map(outbox::put).toList(), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Optional<String> messageIdOf(String tenantId, String messageSid) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(MessageItems.sidKey(tenantId, messageSid))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(Item.string(item, "messageId"));
    }

    @Override
    public StatusResult applyStatus(MessageCallback cb, Function<Message, DomainEvent> changed) {
        for (int attempt = 1; attempt <= Transactions.ATTEMPTS; attempt++) {
            Message before = read(cb.messageId()).orElse(null);
            if (before == null || before.direction() != Message.Direction.OUTBOUND) {
                // Nothing is created for it: an id no message has yet stays free for the message that
                // gets it. (An outbound message is written before Twilio is asked: its callbacks find it.)
                return new StatusResult(Outcome.UNKNOWN, null);
            }
            if (!cb.tenantId().equals(before.tenantId()) || !Objects.equals(cb.accountSid(), before.accountSid())
                    || (before.messageSid() != null && !before.messageSid().equals(cb.messageSid()))) {
                return new StatusResult(Outcome.FOREIGN, before);
            }
            MessageProgress.Change change = MessageProgress.apply(before, cb);
            // The timeline entry first: when it is refused the delivery was seen, whatever else was.
            var write = new Transaction<Refusal>().add(MessageItems.timelineEntry(table, cb), Refusal.REPEAT);
            if (change.moves()) {
                write.add(outbox.put(changed.apply(change.after())), Refusal.REPEAT);
            }
            if (change.attaches()) {
                // Another of the tenant's messages holds this SID: one Twilio message is one of ours.
                write.add(MessageItems.claimSid(table, cb.tenantId(), cb.messageSid(), before.id()), Refusal.FOREIGN);
            }
            write.add(MessageItems.progress(cb, change, before).update(table, messageKey(cb.messageId())),
                    Refusal.CHANGED);
            if (change.attaches() && before.conversationId() != null) {
                write.add(toConversation(table, change.after(), conversationActivity(change.after())),
                        Refusal.CHANGED);
            }
            Optional<Refusal> refused = write.commit(outbox::commit);
            if (refused.isEmpty()) {
                return new StatusResult(change.moves() ? Outcome.APPLIED : Outcome.STALE, change.after());
            }
            switch (refused.get()) {
                case REPEAT -> {
                    return new StatusResult(Outcome.REPEAT, before);
                }
                case FOREIGN -> {
                    return new StatusResult(Outcome.FOREIGN, before);
                }
                // The message changed between the read and the write (a concurrent callback): read again.
                case CHANGED -> Transactions.backOff(attempt);
            }
        }
        throw new IllegalStateException("message " + cb.messageId() + " kept changing under "
                + Transactions.ATTEMPTS + " attempts");
    }

    @Override
    public List<Map<String, String>> timeline(String tenantId, String messageId) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :l)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(MessageItems.MSG + "#" + messageId),
                            ":l", AttributeValue.fromS(MessageItems.LOG)))
                    .exclusiveStartKey(from));
            page.items().stream().filter(i -> tenantId.equals(Item.string(i, "tenantId"))).forEach(entries::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries.stream().sorted(Comparator.comparing((Map<String, AttributeValue> i) -> Item.string(i, "at")))
                .map(i -> Item.strings(i, "params")).toList();
    }

    @Override
    public void outgoing(Message m) {
        MessageItems.created(table, m, messageItem(m)).commit(outbox::commit).ifPresent(refused -> {
            throw MessageItems.notCreated(m, refused);
        });
    }

    @Override
    public void discard(Message m) {
        try {
            dynamo.deleteItem(Expression.when("tenantId = :t AND attribute_not_exists(messageSid)")
                    .with(":t", m.tenantId()).deleteItem(table, messageKey(m.id())));
        } catch (ConditionalCheckFailedException e) {
            // Twilio has it after all (a callback named it): it stays.
        }
    }

    @Override
    public void accepted(Message m) {
        // Twilio's own answer: the SID is this message's, whatever held it before.
        Expression update = Expression.when("tenantId = :t").with(":t", m.tenantId())
                .set("messageSid", m.messageSid()).setIfAbsent("from", m.from())
                .remove("dueShard").remove("dueAt");
        new Transaction<Outcome>()
                .add(update.update(table, messageKey(m.id())), Outcome.UNKNOWN)
                .add(Expression.of().put(table, MessageItems.sidItem(m.tenantId(), m.messageSid(), m.id())),
                        Outcome.FOREIGN)
                .add(toConversation(table, m, conversationActivity(m)), Outcome.FOREIGN)
                .commit(outbox::commit).ifPresent(refused -> {
                    throw new IllegalStateException("message " + m.id() + (refused == Outcome.UNKNOWN ? " is gone"
                            : "'s conversation is another tenant's"));
                });
    }

    @Override
    public Optional<Message> get(String tenantId, String messageId) {
        return read(messageId).filter(m -> tenantId.equals(m.tenantId()) && m.conversationId() != null);
    }

    private Optional<Message> read(String messageId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(messageKey(messageId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MessageItems.message(item));
    }

    @Override
    public Optional<Message> cancel(String tenantId, String messageId, Instant now, DomainEvent event) {
        Expression update = Expression.when("tenantId = :t AND #status = :scheduled").named("#status", "status")
                .with(":t", tenantId).with(":scheduled", MessageStatus.SCHEDULED.wire())
                .set("status", MessageStatus.CANCELED.wire()).set("statusRank", n(MessageStatus.CANCELED.rank()))
                .set("updatedAt", now.toString())
                .remove("dueShard").remove("dueAt");
        // Refused when it was past canceling (or is no message of the tenant's): what it is now says so.
        new Transaction<Outcome>().add(update.update(table, messageKey(messageId)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit);
        return get(tenantId, messageId);
    }

    @Override
    public Page<Message> list(String tenantId, String conversationId, String cursor, int limit) {
        // The index is not keyed by tenant: the API seals the cursor with a scope naming the tenant
        // and the conversation, and the filter leaves out any message that is not the tenant's.
        return IndexQuery.of(table, "byConversation", "conversationId = :c").with(":c", conversationId)
                .whereEquals("tenantId", tenantId)
                .newestFirst()
                .after(KeyCursor.decodeKey(cursor, "pk", "sk", "conversationId", "position"))
                .limit(limit)
                .page(dynamo, MessageItems::message);
    }

    @Override
    public Outcome mediaStored(String tenantId, String messageId, List<Message.MediaItem> media, Instant now,
                               DomainEvent event) {
        Expression update = Expression.when("tenantId = :t AND attribute_not_exists(mediaStoredAt)")
                .with(":t", tenantId)
                .set("media", MessageItems.media(media)).set("mediaStoredAt", now.toString());
        return new Transaction<Outcome>().add(update.update(table, messageKey(messageId)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Outcome mediaCopyFailed(String tenantId, String messageId, String reason, String detail, Instant now,
                                   DomainEvent event) {
        Expression update = Expression.when("tenantId = :t AND attribute_not_exists(mediaStoredAt)"
                        + " AND attribute_not_exists(mediaCopyFailedAt)").with(":t", tenantId)
                .set("mediaCopyError", reason).set("mediaCopyErrorDetail", detail)
                .set("mediaCopyFailedAt", now.toString());
        return new Transaction<Outcome>().add(update.update(table, messageKey(messageId)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }
}
