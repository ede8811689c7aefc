package dev.switchboard.shared.calls;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.Cursors;
import dev.switchboard.shared.api.Page;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Batches;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls table: the call at (callSid, "CALL"), its event log at (callSid, "EVENT#..."), and the
 * byTenantCreated index over call items for a tenant's calls by time. See docs/data-model.md.
 */
public final class DynamoCallStore implements CallStore {
    private static final String CALL = "CALL";
    /**
     * The call is this tenant's and this account's: within a tenant, a subaccount's signature
     * must not move the main account's call, nor the reverse.
     */
    private static final String SAME_TENANT = "(attribute_not_exists(tenantId) OR (tenantId = :tenant"
            + " AND (attribute_not_exists(accountSid) OR accountSid = :account)))";

    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;
    private final Clock clock;

    public DynamoCallStore(DynamoDbClient dynamo, String table, EventOutbox outbox, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Outcome answered(Answered call) {
        Update update = answeredUpdate(call);
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("callSid", s(call.callSid()), "sk", s(CALL)))
                    .updateExpression(update.expression())
                    // The only condition is the tenant's: failing it means another tenant's call.
                    .conditionExpression(SAME_TENANT)
                    .expressionAttributeNames(update.names.isEmpty() ? null : update.names)
                    .expressionAttributeValues(update.values));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    private Update answeredUpdate(Answered call) {
        Update update = new Update(clock.instant())
                .identity(call.tenantId(), call.accountSid(), call.direction(), call.from(), call.to())
                .setIfAbsent("agentId", s(call.agentId()))
                .setIfAbsent("routing", s(call.routing()))
                .setIfAbsent("contactId", s(call.contactId()));
        if (call.status() != null) {
            update.setIfAbsent("#status", s(call.status().wire()))
                    .setIfAbsent("statusRank", n(call.status().rank()));
        }
        return update;
    }

    @Override
    public Outcome started(Answered call, CallEvent logEntry, List<DomainEvent> events) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                callUpdate(call.callSid(), answeredUpdate(call), SAME_TENANT), logPut(logEntry)));
        events.forEach(e -> items.add(outbox.put(e)));
        var reasons = transact(items);
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        // The only condition on the call is the tenant's; the others are the delivery's.
        return failed(reasons.get(), 0) ? Outcome.FOREIGN : Outcome.REPEAT;
    }

    @Override
    public StatusResult applyStatus(StatusCallback cb, CallEvent logEntry, Function<Call, DomainEvent> changed) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("callSid", s(cb.callSid()), "sk", s(CALL)))).item();
            Call before = stored == null || stored.isEmpty() ? null : toCall(stored);
            if (before != null && (!cb.tenantId().equals(before.tenantId())
                    || (before.accountSid() != null && !before.accountSid().equals(cb.accountSid())))) {
                return new StatusResult(Outcome.FOREIGN, null);
            }
            boolean moves = CallProgress.supersedes(cb.status(), cb.sequenceNumber(),
                    before == null ? null : before.status(), before == null ? null : before.sequenceNumber());
            Instant now = clock.instant();
            Call after = project(before, cb, moves, now);
            List<TransactWriteItem> items = new ArrayList<>();
            if (moves) {
                items.add(callUpdate(cb.callSid(), progress(cb, now), SAME_TENANT + " AND " + order(cb)));
            } else {
                // Out of order: the status stays, but what this callback alone knows is still kept.
                items.add(callUpdate(cb.callSid(), facts(identity(new Update(now), cb), cb), SAME_TENANT));
            }
            items.add(logPut(logEntry));
            if (moves) {
                items.add(outbox.put(changed.apply(after)));
            }
            var reasons = transact(items);
            if (reasons.isEmpty()) {
                return new StatusResult(moves ? Outcome.APPLIED : Outcome.STALE, after);
            }
            if (failed(reasons.get(), 1) || (moves && failed(reasons.get(), 2))) {
                return new StatusResult(Outcome.REPEAT, before);
            }
            // The call changed between the read and the write (a concurrent callback): read again.
        }
        throw new IllegalStateException("call " + cb.callSid() + " kept changing under " + ATTEMPTS + " attempts");
    }

    private static Update identity(Update update, StatusCallback cb) {
        return update.identity(cb.tenantId(), cb.accountSid(), cb.direction(), cb.from(), cb.to());
    }

    private Update progress(StatusCallback cb, Instant now) {
        Update progress = identity(new Update(now), cb)
                .set("#status", s(cb.status().wire()))
                .set("statusRank", n(cb.status().rank()));
        if (cb.sequenceNumber() != null) {
            progress.set("sequenceNumber", n(cb.sequenceNumber()));
            progress.values.put(":seq", n(cb.sequenceNumber()));
        } else {
            progress.remove("sequenceNumber");
        }
        progress.values.put(":rank", n(cb.status().rank()));
        return facts(progress, cb);
    }

    /** The same rule as CallProgress.supersedes, evaluated atomically by DynamoDB. */
    private static String order(StatusCallback cb) {
        return cb.sequenceNumber() != null
                ? "((attribute_not_exists(sequenceNumber) AND (attribute_not_exists(statusRank) OR statusRank <= :rank))"
                        + " OR sequenceNumber < :seq)"
                : "(attribute_not_exists(statusRank) OR statusRank < :rank)";
    }

    private Update facts(Update update, StatusCallback cb) {
        Instant at = when(cb);
        if (cb.status() == CallStatus.IN_PROGRESS) {
            update.setIfAbsent("answeredAt", s(at.toString()));
        }
        if (cb.status().isFinal()) {
            update.setIfAbsent("endedAt", s(at.toString()));
        }
        if (cb.durationSeconds() != null) {
            update.set("durationSeconds", n(cb.durationSeconds()));
        }
        return update;
    }

    private Instant when(StatusCallback cb) {
        return cb.timestamp() != null ? cb.timestamp() : clock.instant();
    }

    /** The call as the write leaves it: the update expressions above, stated on the record. */
    private Call project(Call before, StatusCallback cb, boolean moves, Instant now) {
        Call b = before != null ? before : new Call(cb.callSid(), cb.tenantId(), null, null, null, null, null, null,
                null, null, now, null, null, null, null, null, null);
        Instant at = when(cb);
        return new Call(cb.callSid(), cb.tenantId(), or(b.accountSid(), cb.accountSid()),
                or(b.direction(), cb.direction()), or(b.from(), cb.from()), or(b.to(), cb.to()), b.agentId(),
                b.routing(), moves ? cb.status() : b.status(), moves ? cb.sequenceNumber() : b.sequenceNumber(),
                b.createdAt() != null ? b.createdAt() : now,
                b.answeredAt() == null && cb.status() == CallStatus.IN_PROGRESS ? at : b.answeredAt(),
                b.endedAt() == null && cb.status().isFinal() ? at : b.endedAt(),
                cb.durationSeconds() != null ? cb.durationSeconds() : b.durationSeconds(),
                b.dialStatus(), b.dialDurationSeconds(), b.contactId());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus,
                             String dialCallSid, Integer dialDurationSeconds, CallEvent logEntry,
                             Optional<DomainEvent> missed) {
        Update update = new Update(clock.instant())
                .identity(tenantId, accountSid, null, null, null)
                .set("dialStatus", s(dialStatus));
        if (dialCallSid != null) {
            update.set("dialCallSid", s(dialCallSid));
        }
        if (dialDurationSeconds != null) {
            update.set("dialDurationSeconds", n(dialDurationSeconds));
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(callUpdate(callSid, update, SAME_TENANT),
                logPut(logEntry)));
        missed.ifPresent(e -> items.add(outbox.put(e)));
        var reasons = transact(items);
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return failed(reasons.get(), 0) ? Outcome.FOREIGN : Outcome.REPEAT;
    }

    private TransactWriteItem callUpdate(String callSid, Update update, String condition) {
        return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                .tableName(table)
                .key(Map.of("callSid", s(callSid), "sk", s(CALL)))
                .updateExpression(update.expression())
                .conditionExpression(condition)
                // DynamoDB rejects an empty map of names, and an update may use none.
                .expressionAttributeNames(update.names.isEmpty() ? null : update.names)
                .expressionAttributeValues(update.values)
                .build()).build();
    }

    /**
     * A callback in its call's event log. The key is derived from the signed parameters, never
     * from unsigned headers, so this put is also the delivery's claim: a retry, a duplicate or a
     * replay under another I-Twilio-Idempotency-Token finds it there and cancels its transaction.
     */
    private TransactWriteItem logPut(CallEvent event) {
        String seq = event.sequenceNumber() == null ? "x" : String.format("%010d", event.sequenceNumber());
        String sk = "EVENT#" + seq + "#" + event.kind() + "#" + Item.digest(event.params(), 8);
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Item.create()
                        .put("callSid", event.callSid())
                        .put("sk", sk)
                        .put("tenantId", event.tenantId())
                        .put("kind", event.kind())
                        .put("receivedAt", event.receivedAt().toString())
                        .putStrings("params", event.params())
                        .build())
                .conditionExpression("attribute_not_exists(sk)")
                .build()).build();
    }

    private Optional<List<CancellationReason>> transact(List<TransactWriteItem> items) {
        return outbox.commit(items);
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return Transactions.failed(reasons, index);
    }

    private static final String RECORDING = "RECORDING#";
    private static final String VOICEMAIL = "VOICEMAIL";

    /** The call must exist and be this tenant's and this account's: what every media callback is about. */
    private TransactWriteItem callOwnedBy(String callSid, String tenantId, String accountSid) {
        return TransactWriteItem.builder().conditionCheck(b -> b.tableName(table)
                .key(Map.of("callSid", s(callSid), "sk", s(CALL)))
                .conditionExpression("tenantId = :tenant AND accountSid = :account")
                .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":account", s(accountSid)))).build();
    }

    private TransactWriteItem mediaUpdate(String callSid, String sk, Map<String, AttributeValue> set,
                                          Map<String, String> ifAbsent, String condition,
                                          Map<String, String> conditionNames,
                                          Map<String, AttributeValue> conditionValues) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (var entry : set.entrySet()) {
            names.put("#f" + i, entry.getKey());
            values.put(":f" + i, entry.getValue());
            parts.add("#f" + i + " = :f" + i);
            i++;
        }
        for (var entry : ifAbsent.entrySet()) {
            names.put("#f" + i, entry.getKey());
            values.put(":f" + i, s(entry.getValue()));
            parts.add("#f" + i + " = if_not_exists(#f" + i + ", :f" + i + ")");
            i++;
        }
        names.putAll(conditionNames);
        return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                .tableName(table)
                .key(Map.of("callSid", s(callSid), "sk", s(sk)))
                .updateExpression("SET " + String.join(", ", parts))
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    @Override
    public Outcome recordingChanged(RecordingUpdate r, CallEvent logEntry, DomainEvent event) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put("tenantId", s(r.tenantId()));
        set.put("accountSid", s(r.accountSid()));
        set.put("recordingSid", s(r.recordingSid()));
        set.put("status", s(r.status().wire()));
        set.put("rank", n(r.status().rank()));
        set.put("updatedAt", s(clock.instant().toString()));
        if (r.source() != null) {
            set.put("source", s(r.source()));
        }
        if (r.durationSeconds() != null) {
            set.put("durationSeconds", n(r.durationSeconds()));
        }
        if (r.channels() != null) {
            set.put("channels", n(r.channels()));
        }
        if (r.recordingUrl() != null) {
            set.put("recordingUrl", s(r.recordingUrl()));
        }
        if (r.errorCode() != null) {
            set.put("errorCode", s(r.errorCode()));
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                callOwnedBy(r.callSid(), r.tenantId(), r.accountSid()),
                // Forward only: a late in-progress never undoes a completed. A recording the tenant
                // deleted before Twilio reported it has no rank yet, and keeps its mark.
                mediaUpdate(r.callSid(), RECORDING + r.recordingSid(), set, Map.of(),
                        "attribute_not_exists(sk) OR (tenantId = :tenant AND (attribute_not_exists(#rank)"
                                + " OR #rank < :rank))", Map.of("#rank", "rank"),
                        Map.of(":tenant", s(r.tenantId()), ":rank", n(r.status().rank()))),
                logPut(logEntry)));
        if (event != null) {
            items.add(outbox.put(event));
        }
        var reasons = transact(items);
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return failed(reasons.get(), 0) ? Outcome.FOREIGN : failed(reasons.get(), 1) ? Outcome.STALE : Outcome.REPEAT;
    }

    @Override
    public List<Recording> recordings(String tenantId, String callSid) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("callSid = :c AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":c", s(callSid), ":p", s(RECORDING))))
                .items().stream()
                .filter(i -> isRecordingOf(tenantId, i))
                .map(DynamoCallStore::recording)
                .toList();
    }

    @Override
    public List<Recording> recordings(String tenantId, Collection<RecordingRef> refs) {
        List<Map<String, AttributeValue>> keys = refs.stream().distinct()
                .map(r -> Map.of("callSid", s(r.callSid()), "sk", s(RECORDING + r.recordingSid()))).toList();
        return Batches.get(dynamo, table, keys).stream()
                .filter(i -> isRecordingOf(tenantId, i))
                .map(DynamoCallStore::recording).toList();
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
                integer(i, "durationSeconds"), integer(i, "channels"), Item.string(i, "errorCode"),
                Instant.parse(Item.string(i, "updatedAt")), Item.string(i, "recordingUrl"),
                Item.string(i, "storedKey"), Item.number(i, "storedBytes"), Item.string(i, "copyError"),
                Item.string(i, "copyErrorDetail"), instant(i, "copyFailedAt"), instant(i, "deletedAt"));
    }

    @Override
    public Outcome recordingStored(String tenantId, String callSid, String recordingSid, String key, long bytes,
                                   DomainEvent event) {
        var reasons = transact(List.of(recordingUpdate(callSid, recordingSid,
                        "SET storedKey = :k, storedBytes = :b, storedAt = :at"
                                + " REMOVE copyError, copyErrorDetail, copyFailedAt",
                        "tenantId = :tenant AND attribute_not_exists(storedKey) AND attribute_not_exists(deletedAt)",
                        Map.of(":k", s(key), ":b", n(bytes), ":at", s(clock.instant().toString()),
                                ":tenant", s(tenantId))),
                outbox.put(event)));
        return reasons.isEmpty() ? Outcome.APPLIED : Outcome.REPEAT;
    }

    @Override
    public Outcome recordingCopyFailed(String tenantId, String callSid, String recordingSid, String reason,
                                       String detail, DomainEvent event) {
        var reasons = transact(List.of(recordingUpdate(callSid, recordingSid,
                        "SET copyError = :r, copyErrorDetail = :d, copyFailedAt = :at",
                        "tenantId = :tenant AND attribute_exists(#status) AND attribute_not_exists(storedKey)"
                                + " AND attribute_not_exists(deletedAt) AND attribute_not_exists(copyFailedAt)",
                        Map.of(":r", s(reason), ":d", s(detail), ":at", s(clock.instant().toString()),
                                ":tenant", s(tenantId))),
                outbox.put(event)));
        return reasons.isEmpty() ? Outcome.APPLIED : Outcome.REPEAT;
    }

    @Override
    public Outcome recordingDeleted(String tenantId, String callSid, String recordingSid) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("callSid", s(callSid), "sk", s(RECORDING + recordingSid)))
                    .updateExpression("SET tenantId = :tenant, recordingSid = :sid,"
                            + " deletedAt = if_not_exists(deletedAt, :at)")
                    .conditionExpression("attribute_not_exists(sk) OR tenantId = :tenant")
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":sid", s(recordingSid),
                            ":at", s(clock.instant().toString()))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    private TransactWriteItem recordingUpdate(String callSid, String recordingSid, String expression,
                                              String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                .tableName(table)
                .key(Map.of("callSid", s(callSid), "sk", s(RECORDING + recordingSid)))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(condition.contains("#status") ? Map.of("#status", "status") : null)
                .expressionAttributeValues(values)
                .build()).build();
    }

    @Override
    public Outcome voicemailLeft(VoicemailLeft v, CallEvent logEntry, DomainEvent event) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put("tenantId", s(v.tenantId()));
        set.put("accountSid", s(v.accountSid()));
        set.put("recordingSid", s(v.recordingSid()));
        set.put("recordingUrl", s(v.recordingUrl()));
        set.put("durationSeconds", n(v.durationSeconds()));
        set.put("from", s(v.from()));
        set.put("to", s(v.to()));
        String leftAt = clock.instant().toString();
        set.put("leftAt", s(leftAt));
        // The inbox's sort key: when it was left, then the call, so that two at once both list.
        set.put("voicemailAt", s(leftAt + "#" + v.callSid()));
        if (v.agentId() != null) {
            set.put("agentId", s(v.agentId()));
        }
        // A transcription that came first made the item already: its fields stay.
        var reasons = transact(List.of(callOwnedBy(v.callSid(), v.tenantId(), v.accountSid()),
                mediaUpdate(v.callSid(), VOICEMAIL, set, Map.of("status", "new"),
                        "attribute_not_exists(recordingSid) AND (attribute_not_exists(tenantId) OR tenantId = :tenant)",
                        Map.of(), Map.of(":tenant", s(v.tenantId()))),
                logPut(logEntry), outbox.put(event)));
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return failed(reasons.get(), 0) ? Outcome.FOREIGN : Outcome.REPEAT;
    }

    @Override
    public Outcome transcribed(String callSid, String tenantId, String accountSid, boolean completed, String text,
                               CallEvent logEntry, DomainEvent event) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put("tenantId", s(tenantId));
        set.put("accountSid", s(accountSid));
        set.put("transcriptionStatus", s(completed ? "completed" : "failed"));
        if (completed && text != null) {
            set.put("transcriptionText", s(text));
        }
        var reasons = transact(List.of(callOwnedBy(callSid, tenantId, accountSid),
                mediaUpdate(callSid, VOICEMAIL, set, Map.of(),
                        "attribute_not_exists(#ts) AND (attribute_not_exists(tenantId) OR tenantId = :tenant)",
                        Map.of("#ts", "transcriptionStatus"), Map.of(":tenant", s(tenantId))),
                logPut(logEntry), outbox.put(event)));
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return failed(reasons.get(), 0) ? Outcome.FOREIGN : Outcome.REPEAT;
    }

    @Override
    public Optional<Voicemail> voicemail(String tenantId, String callSid) {
        var i = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("callSid", s(callSid), "sk", s(VOICEMAIL)))).item();
        if (i == null || i.isEmpty() || !tenantId.equals(Item.string(i, "tenantId"))
                || Item.string(i, "recordingSid") == null) {
            return Optional.empty();
        }
        return Optional.of(voicemail(i));
    }

    private static Voicemail voicemail(Map<String, AttributeValue> i) {
        return new Voicemail(Item.string(i, "callSid"), Item.string(i, "tenantId"), Item.string(i, "recordingSid"),
                Item.string(i, "status"), Item.string(i, "from"), Item.string(i, "to"), Item.string(i, "agentId"),
                integer(i, "durationSeconds"), Instant.parse(Item.string(i, "leftAt")),
                Item.string(i, "transcriptionStatus"), Item.string(i, "transcriptionText"));
    }

    @Override
    public Page<Voicemail> voicemails(String tenantId, VoicemailQuery query, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(tenantId)));
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (query.status() != null) {
            names.put("#st", "status");
            values.put(":st", s(query.status()));
            filters.add("#st = :st");
        }
        if (query.number() != null) {
            names.put("#to", "to");
            values.put(":num", s(query.number()));
            filters.add("#to = :num");
        }
        if (query.agentId() != null) {
            values.put(":agent", s(query.agentId()));
            filters.add("agentId = :agent");
        }
        var start = Cursors.decode(cursor, tenantId, "callSid", "sk", "tenantId", "voicemailAt");
        return newestFirst("byTenantVoicemail", "tenantId = :t", filters, names, values, start, limit,
                DynamoCallStore::voicemail);
    }

    @Override
    public Outcome voicemailStatus(String tenantId, String callSid, String status) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("callSid", s(callSid), "sk", s(VOICEMAIL)))
                    .updateExpression("SET #st = :st")
                    .conditionExpression("tenantId = :t AND attribute_exists(recordingSid)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":st", s(status), ":t", s(tenantId))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    @Override
    public Outcome deleteVoicemail(String tenantId, String callSid) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("callSid", s(callSid), "sk", s(VOICEMAIL)))
                    .conditionExpression("tenantId = :t AND attribute_exists(recordingSid)")
                    .expressionAttributeValues(Map.of(":t", s(tenantId))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.FOREIGN;
        }
    }

    @Override
    public Optional<Call> get(String tenantId, String callSid) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("callSid", s(callSid), "sk", s(CALL)))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(toCall(item));
    }

    @Override
    public List<CallEvent> events(String tenantId, String callSid) {
        List<CallEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("callSid = :c AND begins_with(sk, :e)")
                    .expressionAttributeValues(Map.of(":c", s(callSid), ":e", s("EVENT#")))
                    .exclusiveStartKey(from));
            for (var item : page.items()) {
                if (!tenantId.equals(Item.string(item, "tenantId"))) {
                    continue;
                }
                String sk = Item.string(item, "sk");
                String seq = sk.split("#")[1];
                events.add(new CallEvent(callSid, tenantId, Item.string(item, "kind"),
                        seq.equals("x") ? null : Long.parseLong(seq),
                        Instant.parse(Item.string(item, "receivedAt")), Item.strings(item, "params")));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }

    @Override
    public Page<Call> list(String tenantId, CallQuery query, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":t", s(tenantId));
        values.put(":from", s(query.from() == null ? "0000" : query.from().toString()));
        values.put(":to", s(query.to() == null ? "9999" : query.to().toString()));
        List<String> filters = new ArrayList<>();
        if (query.direction() != null) {
            filters.add("direction = :direction");
            values.put(":direction", s(query.direction()));
        }
        if (query.agentId() != null) {
            filters.add("agentId = :agent");
            values.put(":agent", s(query.agentId()));
        }
        if (query.number() != null) {
            filters.add("(#from = :number OR #to = :number)");
            values.put(":number", s(query.number()));
            names.put("#from", "from");
            names.put("#to", "to");
        }
        if (query.status() != null) {
            filters.add("#status = :status");
            values.put(":status", s(query.status()));
            names.put("#status", "status");
        }
        var start = Cursors.decode(cursor, tenantId, "callSid", "sk", "tenantId", "createdAt");
        if (start != null && !between(start.get("createdAt").s(), values.get(":from").s(), values.get(":to").s())) {
            // DynamoDB refuses a start outside the query's range: the cursor is for another window.
            throw ApiError.badField("cursor", "cursor is not one this API returned for this from and to");
        }
        return newestFirst("byTenantCreated", "tenantId = :t AND createdAt BETWEEN :from AND :to", filters, names,
                values, start, limit, DynamoCallStore::toCall);
    }

    /** A page of a tenant index, newest first, filtered; a page may hold fewer than limit items. */
    private <T> Page<T> newestFirst(String index, String keyCondition, List<String> filters, Map<String, String> names,
                                    Map<String, AttributeValue> values, Map<String, AttributeValue> start, int limit,
                                    Function<Map<String, AttributeValue>, T> read) {
        var page = dynamo.query(b -> b.tableName(table).indexName(index)
                .keyConditionExpression(keyCondition)
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(limit));
        return new Page<>(page.items().stream().map(read).toList(),
                page.hasLastEvaluatedKey() ? Cursors.encode(page.lastEvaluatedKey()) : null);
    }

    private static boolean between(String value, String from, String to) {
        return value.compareTo(from) >= 0 && value.compareTo(to) <= 0;
    }

    private static Call toCall(Map<String, AttributeValue> item) {
        return new Call(Item.string(item, "callSid"), Item.string(item, "tenantId"), Item.string(item, "accountSid"),
                Item.string(item, "direction"), Item.string(item, "from"), Item.string(item, "to"),
                Item.string(item, "agentId"), Item.string(item, "routing"),
                CallStatus.fromWire(Item.string(item, "status")).orElse(null),
                Item.number(item, "sequenceNumber"), instant(item, "createdAt"), instant(item, "answeredAt"),
                instant(item, "endedAt"), integer(item, "durationSeconds"), Item.string(item, "dialStatus"),
                integer(item, "dialDurationSeconds"), Item.string(item, "contactId"));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = Item.string(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static Integer integer(Map<String, AttributeValue> item, String name) {
        Long value = Item.number(item, name);
        return value == null ? null : value.intValue();
    }

    private static AttributeValue s(String value) {
        return value == null ? null : AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** An update expression built clause by clause; null values are skipped. */
    private static final class Update {
        final Map<String, String> names = new HashMap<>();
        final Map<String, AttributeValue> values = new HashMap<>();
        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();

        Update(Instant now) {
            set("updatedAt", s(now.toString()));
            setIfAbsent("createdAt", s(now.toString()));
        }

        Update identity(String tenantId, String accountSid, String direction, String from, String to) {
            values.put(":tenant", s(tenantId));
            values.put(":account", s(accountSid));
            sets.add("tenantId = :tenant");
            setIfAbsent("accountSid", s(accountSid));
            setIfAbsent("direction", s(direction));
            setIfAbsent("#from", s(from));
            setIfAbsent("#to", s(to));
            return this;
        }

        Update set(String attribute, AttributeValue value) {
            return clause(attribute, value, false);
        }

        Update setIfAbsent(String attribute, AttributeValue value) {
            return clause(attribute, value, true);
        }

        Update remove(String attribute) {
            removes.add(attribute);
            return this;
        }

        private Update clause(String attribute, AttributeValue value, boolean ifAbsent) {
            if (value == null) {
                return this;
            }
            String name = attribute;
            if (attribute.startsWith("#")) {
                names.put(attribute, attribute.substring(1));
            }
            String placeholder = ":" + attribute.replace("#", "") + "Value";
            values.put(placeholder, value);
            sets.add(name + " = " + (ifAbsent ? "if_not_exists(" + name + ", " + placeholder + ")" : placeholder));
            return this;
        }

        String expression() {
            String expression = "SET " + String.join(", ", sets);
            return removes.isEmpty() ? expression : expression + " REMOVE " + String.join(", ", removes);
        }
    }
}
