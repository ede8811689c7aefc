package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.switchboard.shared.calls.CallItems.CALL;
import static dev.switchboard.shared.calls.CallItems.key;
import static dev.switchboard.shared.store.Item.n;

/** The call items of the calls table, and the callbacks of each call's timeline. */
public final class DynamoCalls implements Calls {
    /**
     * The call is this tenant's and this account's: within a tenant, a subaccount's signature
     * must not move the main account's call, nor the reverse.
     */
    private static final String SAME_TENANT = "(attribute_not_exists(tenantId) OR (tenantId = :tenant"
            + " AND (attribute_not_exists(accountSid) OR accountSid = :account)))";
    private static final int ATTEMPTS = 5;

    /** Why a status transaction was refused: the delivery was seen before, or the call moved meanwhile. */
    private enum Refusal { REPEAT, CHANGED }

    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;
    private final Clock clock;

    public DynamoCalls(DynamoDbClient dynamo, String table, EventOutbox outbox, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Outcome answered(Answered call) {
        try {
            // The only condition is the tenant's: failing it means another tenant's call.
            dynamo.updateItem(answeredUpdate(call).updateItem(table, key(call.callSid(), CALL)));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    private Expression answeredUpdate(Answered call) {
        Expression update = parties(owner(written(clock.instant()), call.callSid(), call.tenantId(), call.accountSid()),
                call.direction(), call.from(), call.to())
                .setIfAbsent("agentId", call.agentId())
                .setIfAbsent("routing", call.routing())
                .setIfAbsent("contactId", call.contactId());
        if (call.status() != null) {
            update.setIfAbsent("status", call.status().wire())
                    .setIfAbsent("statusRank", n(call.status().rank()));
        }
        return update.condition(SAME_TENANT);
    }

    @Override
    public Outcome started(Answered call, CallEvent logEntry, List<DomainEvent> events) {
        return new Transaction<Outcome>()
                .add(answeredUpdate(call).update(table, key(call.callSid(), CALL)), Outcome.FOREIGN)
                .add(CallItems.logEntry(table, logEntry), Outcome.REPEAT)
                .addAll(events.stream().map(outbox::put).toList(), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public StatusResult applyStatus(StatusCallback cb, CallEvent logEntry, Function<Call, DomainEvent> changed) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(cb.callSid(), CALL)))
                    .item();
            Call before = stored == null || stored.isEmpty() ? null : CallItems.call(stored);
            if (before != null && (!cb.tenantId().equals(before.tenantId())
                    || (before.accountSid() != null && !before.accountSid().equals(cb.accountSid())))) {
                return new StatusResult(Outcome.FOREIGN, null);
            }
            Instant now = clock.instant();
            CallProgress.Change change = CallProgress.apply(before, cb, now);
            // The timeline entry first: when it is refused the delivery was seen, whatever else was.
            var write = new Transaction<Refusal>().add(CallItems.logEntry(table, logEntry), Refusal.REPEAT);
            if (change.moves()) {
                write.add(outbox.put(changed.apply(change.after())), Refusal.REPEAT)
                        .add(unchangedSince(progress(cb, now), before).update(table, key(cb.callSid(), CALL)),
                                Refusal.CHANGED);
            } else if (change.tells()) {
                // The status stays; the call goes out again with what it tells. Once only: what it
                // tells must still be unknown when written.
                write.add(outbox.put(changed.apply(change.after())), Refusal.REPEAT)
                        .add(unchangedSince(facts(identity(cb, now), cb, now), before, stillUnknown(change))
                                .update(table, key(cb.callSid(), CALL)), Refusal.CHANGED);
            } else {
                // Out of order: the status stays, but what this callback alone knows is still kept.
                write.add(facts(identity(cb, now), cb, now).condition(SAME_TENANT)
                        .update(table, key(cb.callSid(), CALL)), Refusal.CHANGED);
            }
            Optional<Refusal> refused = write.commit(outbox::commit);
            if (refused.isEmpty()) {
                return new StatusResult(change.moves() ? Outcome.APPLIED : Outcome.STALE, change.after());
            }
            if (refused.get() == Refusal.REPEAT) {
                return new StatusResult(Outcome.REPEAT, before);
            }
            // The call changed between the read and the write (a concurrent callback): read again.
        }
        throw new IllegalStateException("call " + cb.callSid() + " kept changing under " + ATTEMPTS + " attempts");
    }

    /**
     * The call's progress is still what was read: the decision was made on it. Another callback
     * that moved it meanwhile fails this, and the callback is decided again on what it wrote.
     */
    private static Expression unchangedSince(Expression update, Call before) {
        return unchangedSince(update, before, "");
    }

    /** @param also more the write is conditional on ({@code " AND …"}) */
    private static Expression unchangedSince(Expression update, Call before, String also) {
        update.named("#status", "status");
        if (before == null || before.status() == null) {
            return update.condition(SAME_TENANT + " AND attribute_not_exists(#status)" + also);
        }
        update.with(":readStatus", before.status().wire());
        if (before.sequenceNumber() == null) {
            return update.condition(SAME_TENANT + " AND #status = :readStatus AND attribute_not_exists(sequenceNumber)" + also);
        }
        return update.with(":readSequence", before.sequenceNumber())
                .condition(SAME_TENANT + " AND #status = :readStatus AND sequenceNumber = :readSequence" + also);
    }

    /** A condition that what the change tells is still unknown: two late callbacks never both tell it. */
    private static String stillUnknown(CallProgress.Change change) {
        return (change.learnsAnswer() ? " AND attribute_not_exists(answeredAt)" : "")
                + (change.learnsEnd() ? " AND attribute_not_exists(endedAt)" : "");
    }

    private Expression progress(StatusCallback cb, Instant now) {
        Expression progress = identity(cb, now)
                .set("status", cb.status().wire())
                .set("statusRank", n(cb.status().rank()));
        if (cb.sequenceNumber() != null) {
            progress.set("sequenceNumber", n(cb.sequenceNumber()));
        } else {
            progress.remove("sequenceNumber");
        }
        return facts(progress, cb, now);
    }

    private Expression identity(StatusCallback cb, Instant now) {
        return parties(owner(written(now), cb.callSid(), cb.tenantId(), cb.accountSid()), cb.direction(), cb.from(),
                cb.to());
    }

    private static Expression written(Instant now) {
        return Expression.of().set("updatedAt", now.toString()).setIfAbsent("createdAt", now.toString());
    }

    /**
     * Whose call it is, and the values the tenant condition compares with; the tenant's shard of
     * the calls list (the same on every write, so the index entry never moves).
     */
    private static Expression owner(Expression update, String callSid, String tenantId, String accountSid) {
        return update.with(":tenant", tenantId).with(":account", accountSid)
                .set("tenantId", tenantId)
                .set(CallShards.ATTRIBUTE, CallShards.of(tenantId, callSid))
                .setIfAbsent("accountSid", accountSid);
    }

    /** Who is on the call, as the first writer to know it saw it. */
    private static Expression parties(Expression update, CallDirection direction, String from, String to) {
        return update.setIfAbsent("direction", CallDirection.wireOf(direction)).setIfAbsent("from", from).setIfAbsent("to", to);
    }

    private static Expression facts(Expression update, StatusCallback cb, Instant now) {
        Instant at = CallProgress.when(cb, now);
        if (cb.status() == CallStatus.IN_PROGRESS) {
            update.setIfAbsent("answeredAt", at.toString());
        }
        if (cb.status().isFinal()) {
            update.setIfAbsent("endedAt", at.toString());
        }
        if (cb.durationSeconds() != null) {
            update.set("durationSeconds", n(cb.durationSeconds()));
        }
        return update;
    }

    @Override
    public Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus,
                             String dialCallSid, Integer dialDurationSeconds, CallEvent logEntry,
                             Optional<DomainEvent> missed) {
        Expression update = owner(written(clock.instant()), callSid, tenantId, accountSid)
                .set("dialStatus", dialStatus)
                .set("dialCallSid", dialCallSid)
                .set("dialDurationSeconds", dialDurationSeconds)
                .condition(SAME_TENANT);
        return new Transaction<Outcome>()
                .add(update.update(table, key(callSid, CALL)), Outcome.FOREIGN)
                .add(CallItems.logEntry(table, logEntry), Outcome.REPEAT)
                .addAll(missed.stream().map(outbox::put).toList(), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public Outcome flowSteps(String tenantId, String accountSid, String callSid, List<FlowStep> steps,
                             Optional<CallEvent> logEntry, List<DomainEvent> events) {
        var transaction = new Transaction<Outcome>()
                .add(CallItems.ownedBy(table, callSid, tenantId, accountSid), Outcome.FOREIGN)
                .addAll(steps.stream().map(step -> CallItems.pathStep(table, callSid, tenantId, step)).toList(),
                        Outcome.REPEAT);
        logEntry.ifPresent(entry -> transaction.add(CallItems.logEntry(table, entry), Outcome.REPEAT));
        return transaction.addAll(events.stream().map(outbox::put).toList(), Outcome.REPEAT)
                .commit(outbox::commit).orElse(Outcome.APPLIED);
    }

    @Override
    public List<FlowStep> path(String tenantId, String callSid) {
        return itemsOf(tenantId, callSid, CallItems.PATH, item -> new FlowStep(
                Integer.parseInt(Item.string(item, "sk").substring(CallItems.PATH.length())), Item.string(item, "node"),
                Item.string(item, "type"), Item.string(item, "branch"), Instant.parse(Item.string(item, "at"))));
    }

    /** The call's items under a sort-key prefix, in key order, this tenant's only (a consistent read, every page). */
    private <T> List<T> itemsOf(String tenantId, String callSid, String prefix,
                                java.util.function.Function<Map<String, AttributeValue>, T> read) {
        List<T> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("callSid = :c AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(callSid), ":p", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(from));
            for (var item : page.items()) {
                if (tenantId.equals(Item.string(item, "tenantId"))) {
                    found.add(read.apply(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public Optional<Call> get(String tenantId, String callSid) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(callSid, CALL))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(CallItems.call(item));
    }

    @Override
    public Page<Call> list(String tenantId, Query query, String cursor, int limit) {
        String from = query.from() == null ? "0000" : query.from().toString();
        String to = query.to() == null ? "9999" : query.to().toString();
        // A cursor handed out before the list was sharded (the index's LastEvaluatedKey) goes on
        // from the same call.
        var earlier = KeyCursor.earlier(cursor, tenantId, "callSid", "sk", "tenantId", "createdAt");
        String after = earlier == null ? cursor
                : ShardedQuery.position(earlier.get("createdAt").s(), earlier.get("callSid").s());
        // Two calls may share a createdAt: the CallSid orders them, newest first like the times.
        return ShardedQuery.of(table, CallShards.CALLS_INDEX, CallShards.ATTRIBUTE, CallShards.of(tenantId),
                        "createdAt")
                .tiebreak("callSid").from(from).to(to)
                .whereEquals("direction", CallDirection.wireOf(query.direction()))
                .whereEquals("agentId", query.agentId())
                .whereEither("from", "to", query.number())
                .whereEquals("status", query.status())
                .newestFirst().after(after).limit(limit)
                .page(dynamo, CallItems::call);
    }

    @Override
    public List<CallEvent> timeline(String tenantId, String callSid) {
        return itemsOf(tenantId, callSid, CallItems.EVENT, item -> {
            String seq = Item.string(item, "sk").split("#")[1];
            return new CallEvent(callSid, tenantId, Item.string(item, "kind"), seq.equals("x") ? null : Long.parseLong(seq),
                    Instant.parse(Item.string(item, "receivedAt")), Item.strings(item, "params"));
        });
    }
}
