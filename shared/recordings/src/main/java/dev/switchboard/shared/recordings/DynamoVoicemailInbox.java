package dev.switchboard.shared.recordings;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.CallItems;
import dev.switchboard.shared.calls.CallShards;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.ShardedQuery;
import dev.switchboard.shared.store.Transaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.shared.calls.CallItems.VOICEMAIL;
import static dev.switchboard.shared.calls.CallItems.key;

/**
 * The voicemail items of the calls table, (callSid, "VOICEMAIL"), listed through the
 * byTenantVoicemailShard index, every shard of the tenant's merged newest first ({@link CallShards}).
 */
public final class DynamoVoicemailInbox implements VoicemailInbox {
    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;
    private final Clock clock;

    public DynamoVoicemailInbox(DynamoDbClient dynamo, String table, EventOutbox outbox, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Outcome left(Left v, CallEvent logEntry, DomainEvent event) {
        String leftAt = clock.instant().toString();
        // A transcription that came first made the item already: its fields stay.
        Expression update = Expression.when("attribute_not_exists(recordingSid)"
                        + " AND (attribute_not_exists(tenantId) OR tenantId = :tenant)").with(":tenant", v.tenantId())
                .set("tenantId", v.tenantId())
                .set("accountSid", v.accountSid())
                .set("recordingSid", v.recordingSid())
                .set("recordingUrl", v.recordingUrl())
                .set("durationSeconds", v.durationSeconds())
                .set("from", v.from())
                .set("to", v.to())
                .set("leftAt", leftAt)
                // The inbox's sort key: when it was left, then the call, so that two at once both list.
                .set("voicemailAt", leftAt + "#" + v.callSid())
                .set(CallShards.ATTRIBUTE, CallShards.of(v.tenantId(), v.callSid()))
                .set("agentId", v.agentId())
                .setIfAbsent("status", VoicemailStatus.NEW.wire());
        return new Transaction<Outcome>()
                .add(CallItems.ownedBy(table, v.callSid(), v.tenantId(), v.accountSid()), Outcome.FOREIGN)
                .add(update.update(table, key(v.callSid(), VOICEMAIL)), Outcome.REPEAT)
                .add(CallItems.logEntry(table, logEntry), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Outcome transcribed(String callSid, String tenantId, String accountSid, boolean completed, String text,
                               CallEvent logEntry, DomainEvent event) {
        Expression update = Expression.when("attribute_not_exists(#ts)"
                        + " AND (attribute_not_exists(tenantId) OR tenantId = :tenant)")
                .named("#ts", "transcriptionStatus").with(":tenant", tenantId)
                .set("tenantId", tenantId)
                .set("accountSid", accountSid)
                .set(CallShards.ATTRIBUTE, CallShards.of(tenantId, callSid))
                .set("transcriptionStatus", completed ? "completed" : "failed")
                .set("transcriptionText", completed ? text : null);
        return new Transaction<Outcome>()
                .add(CallItems.ownedBy(table, callSid, tenantId, accountSid), Outcome.FOREIGN)
                .add(update.update(table, key(callSid, VOICEMAIL)), Outcome.REPEAT)
                .add(CallItems.logEntry(table, logEntry), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Optional<Voicemail> get(String tenantId, String callSid) {
        var i = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(callSid, VOICEMAIL))).item();
        if (i == null || i.isEmpty() || !tenantId.equals(Item.string(i, "tenantId"))
                || Item.string(i, "recordingSid") == null) {
            return Optional.empty();
        }
        return Optional.of(voicemail(i));
    }

    private static Voicemail voicemail(Map<String, AttributeValue> i) {
        return new Voicemail(Item.string(i, "callSid"), Item.string(i, "tenantId"), Item.string(i, "recordingSid"),
                VoicemailStatus.fromWire(Item.string(i, "status")).orElse(VoicemailStatus.NEW), Item.string(i, "from"), Item.string(i, "to"), Item.string(i, "agentId"),
                Item.integer(i, "durationSeconds"), Item.instant(i, "leftAt"),
                Item.string(i, "transcriptionStatus"), Item.string(i, "transcriptionText"));
    }

    @Override
    public Page<Voicemail> list(String tenantId, Query query, String cursor, int limit) {
        // A cursor handed out before the inbox was sharded (a LastEvaluatedKey) goes on from its voicemailAt.
        var earlier = KeyCursor.earlier(cursor, tenantId, "callSid", "sk", "tenantId", "voicemailAt");
        return ShardedQuery.of(table, CallShards.VOICEMAIL_INDEX, CallShards.ATTRIBUTE, CallShards.of(tenantId),
                        "voicemailAt")
                .whereEquals("status", query.status() == null ? null : query.status().wire())
                .whereEquals("to", query.number())
                .whereEquals("agentId", query.agentId())
                .newestFirst()
                .after(earlier == null ? cursor : earlier.get("voicemailAt").s())
                .limit(limit)
                .page(dynamo, DynamoVoicemailInbox::voicemail);
    }

    @Override
    public Outcome mark(String tenantId, String callSid, VoicemailStatus status) {
        try {
            dynamo.updateItem(Expression.when("tenantId = :t AND attribute_exists(recordingSid)")
                    .with(":t", tenantId).set("status", status.wire())
                    .updateItem(table, key(callSid, VOICEMAIL)));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    @Override
    public Outcome delete(String tenantId, String callSid) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(callSid, VOICEMAIL))
                    .conditionExpression("tenantId = :t AND attribute_exists(recordingSid)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }
}
