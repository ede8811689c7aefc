package dev.switchboard.shared.recordings;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.CallItems;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.twilio.RecordingStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Batches;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.switchboard.shared.calls.CallItems.RECORDING;
import static dev.switchboard.shared.calls.CallItems.key;
import static dev.switchboard.shared.store.Item.n;

/** The recording items of the calls table, (callSid, "RECORDING#" + recordingSid). */
public final class DynamoRecordings implements Recordings {
    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;
    private final Clock clock;

    public DynamoRecordings(DynamoDbClient dynamo, String table, EventOutbox outbox, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Outcome changed(Update r, CallEvent logEntry, DomainEvent event) {
        // Forward only: a late in-progress never undoes a completed. A recording the tenant
        // deleted before Twilio reported it has no rank yet, and keeps its mark.
        Expression update = Expression.when("attribute_not_exists(sk) OR (tenantId = :tenant"
                        + " AND (attribute_not_exists(#rank) OR #rank < :rank))")
                .named("#rank", "rank").with(":tenant", r.tenantId()).with(":rank", r.status().rank())
                .set("tenantId", r.tenantId())
                .set("accountSid", r.accountSid())
                .set("recordingSid", r.recordingSid())
                .set("status", r.status().wire())
                .set("rank", n(r.status().rank()))
                .set("updatedAt", clock.instant().toString())
                .set("source", r.source())
                .set("durationSeconds", r.durationSeconds())
                .set("channels", r.channels())
                .set("recordingUrl", r.recordingUrl())
                .set("errorCode", r.errorCode());
        var write = new Transaction<Outcome>()
                .add(CallItems.ownedBy(table, r.callSid(), r.tenantId(), r.accountSid()), Outcome.FOREIGN)
                .add(update.update(table, key(r.callSid(), RECORDING + r.recordingSid())), Outcome.STALE)
                .add(CallItems.logEntry(table, logEntry), Outcome.REPEAT);
        if (event != null) {
            write.add(outbox.put(event), Outcome.REPEAT);
        }
        return write.commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public List<Recording> ofCall(String tenantId, String callSid) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("callSid = :c AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(callSid),
                                ":p", AttributeValue.fromS(RECORDING))))
                .items().stream()
                .filter(i -> isRecordingOf(tenantId, i))
                .map(DynamoRecordings::recording)
                .toList();
    }

    @Override
    public List<Recording> find(String tenantId, Collection<Ref> refs) {
        List<Map<String, AttributeValue>> keys = refs.stream().distinct()
                .map(r -> key(r.callSid(), RECORDING + r.recordingSid())).toList();
        return Batches.get(dynamo, table, keys).stream()
                .filter(i -> isRecordingOf(tenantId, i))
                .map(DynamoRecordings::recording).toList();
    }

    /**
     * The tenant's, and reported by Twilio: a recording deleted before its first callback is only a
     * mark (no status) until that callback comes.
     */
    private static boolean isRecordingOf(String tenantId, Map<String, AttributeValue> i) {
        return tenantId.equals(Item.string(i, "tenantId")) && Item.string(i, "status") != null;
    }

    private static Recording recording(Map<String, AttributeValue> i) {
        return new Recording(Item.string(i, "callSid"), Item.string(i, "recordingSid"),
                RecordingStatus.fromWire(Item.string(i, "status")).orElseThrow(), Item.string(i, "source"),
                Item.integer(i, "durationSeconds"), Item.integer(i, "channels"), Item.string(i, "errorCode"),
                Item.instant(i, "updatedAt"), Item.string(i, "recordingUrl"),
                Item.string(i, "storedKey"), Item.number(i, "storedBytes"), Item.string(i, "copyError"),
                Item.string(i, "copyErrorDetail"), Item.instant(i, "copyFailedAt"), Item.instant(i, "deletedAt"));
    }

    @Override
    public Outcome stored(String tenantId, String callSid, String recordingSid, String key, long bytes,
                          DomainEvent event) {
        Expression update = Expression.when("tenantId = :tenant AND attribute_not_exists(storedKey)"
                        + " AND attribute_not_exists(deletedAt)").with(":tenant", tenantId)
                .set("storedKey", key).set("storedBytes", bytes).set("storedAt", clock.instant().toString())
                .remove("copyError").remove("copyErrorDetail").remove("copyFailedAt");
        return new Transaction<Outcome>()
                .add(update.update(table, key(callSid, RECORDING + recordingSid)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Outcome copyFailed(String tenantId, String callSid, String recordingSid, String reason, String detail,
                              DomainEvent event) {
        Expression update = Expression.when("tenantId = :tenant AND attribute_exists(#status)"
                        + " AND attribute_not_exists(storedKey) AND attribute_not_exists(deletedAt)"
                        + " AND attribute_not_exists(copyFailedAt)")
                .named("#status", "status").with(":tenant", tenantId)
                .set("copyError", reason).set("copyErrorDetail", detail)
                .set("copyFailedAt", clock.instant().toString());
        return new Transaction<Outcome>()
                .add(update.update(table, key(callSid, RECORDING + recordingSid)), Outcome.REPEAT)
                .add(outbox.put(event), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Outcome deleted(String tenantId, String callSid, String recordingSid) {
        try {
            dynamo.updateItem(Expression.when("attribute_not_exists(sk) OR tenantId = :tenant")
                    .with(":tenant", tenantId)
                    .set("tenantId", tenantId)
                    .set("recordingSid", recordingSid)
                    .setIfAbsent("deletedAt", clock.instant().toString())
                    .updateItem(table, key(callSid, RECORDING + recordingSid)));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }
}
