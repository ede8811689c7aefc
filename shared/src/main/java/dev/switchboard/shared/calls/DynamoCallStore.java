package dev.switchboard.shared.calls;

import dev.switchboard.shared.api.Cursors;
import dev.switchboard.shared.api.Page;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Calls table: the call at (callSid, "CALL"), its event log at (callSid, "EVENT#..."), and the
 * byTenantCreated index over call items for a tenant's calls by time. See docs/data-model.md.
 */
public final class DynamoCallStore implements CallStore {
    private static final String CALL = "CALL";
    private static final String SAME_TENANT = "(attribute_not_exists(tenantId) OR tenantId = :tenant)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCallStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Outcome answered(Answered call) {
        Update update = new Update(clock.instant())
                .identity(call.tenantId(), call.accountSid(), call.direction(), call.from(), call.to())
                .setIfAbsent("agentId", s(call.agentId()))
                .setIfAbsent("routing", s(call.routing()))
                .setIfAbsent("contactId", s(call.contactId()));
        if (call.status() != null) {
            update.setIfAbsent("#status", s(call.status().wire()))
                    .setIfAbsent("statusRank", n(call.status().rank()));
        }
        return write(call.callSid(), update, SAME_TENANT, false).outcome();
    }

    @Override
    public StatusResult applyStatus(StatusCallback cb) {
        Instant at = cb.timestamp() != null ? cb.timestamp() : clock.instant();
        Update progress = new Update(clock.instant())
                .identity(cb.tenantId(), cb.accountSid(), cb.direction(), cb.from(), cb.to())
                .set("#status", s(cb.status().wire()))
                .set("statusRank", n(cb.status().rank()));
        String order;
        if (cb.sequenceNumber() != null) {
            progress.set("sequenceNumber", n(cb.sequenceNumber()));
            progress.values.put(":seq", n(cb.sequenceNumber()));
            // The same rule as CallProgress.supersedes, evaluated atomically by DynamoDB.
            order = "((attribute_not_exists(sequenceNumber) AND (attribute_not_exists(statusRank) OR statusRank <= :rank))"
                    + " OR sequenceNumber < :seq)";
        } else {
            progress.remove("sequenceNumber");
            order = "(attribute_not_exists(statusRank) OR statusRank < :rank)";
        }
        progress.values.put(":rank", n(cb.status().rank()));
        facts(progress, cb, at);

        StatusResult result = write(cb.callSid(), progress, SAME_TENANT + " AND " + order, true);
        if (result.outcome() != Outcome.STALE) {
            return result;
        }
        // Out of order: the status stays, but what this callback alone knows is still kept.
        Update factsOnly = new Update(clock.instant())
                .identity(cb.tenantId(), cb.accountSid(), cb.direction(), cb.from(), cb.to());
        facts(factsOnly, cb, at);
        StatusResult kept = write(cb.callSid(), factsOnly, SAME_TENANT, true);
        return kept.outcome() == Outcome.FOREIGN ? kept : new StatusResult(Outcome.STALE, kept.call());
    }

    private static void facts(Update update, StatusCallback cb, Instant at) {
        if (cb.status() == CallStatus.IN_PROGRESS) {
            update.setIfAbsent("answeredAt", s(at.toString()));
        }
        if (cb.status().isFinal()) {
            update.setIfAbsent("endedAt", s(at.toString()));
        }
        if (cb.durationSeconds() != null) {
            update.set("durationSeconds", n(cb.durationSeconds()));
        }
    }

    @Override
    public Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus,
                             String dialCallSid, Integer dialDurationSeconds) {
        Update update = new Update(clock.instant())
                .identity(tenantId, accountSid, null, null, null)
                .set("dialStatus", s(dialStatus));
        if (dialCallSid != null) {
            update.set("dialCallSid", s(dialCallSid));
        }
        if (dialDurationSeconds != null) {
            update.set("dialDurationSeconds", n(dialDurationSeconds));
        }
        return write(callSid, update, SAME_TENANT, false).outcome();
    }

    @Override
    public void appendEvent(CallEvent event) {
        String seq = event.sequenceNumber() == null ? "x" : String.format("%010d", event.sequenceNumber());
        // A key derived from the callback itself: a repeated delivery lands on the same item.
        String sk = "EVENT#" + seq + "#" + event.kind() + "#" + digest(event.params());
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Item.create()
                            .put("callSid", event.callSid())
                            .put("sk", sk)
                            .put("tenantId", event.tenantId())
                            .put("kind", event.kind())
                            .put("receivedAt", event.receivedAt().toString())
                            .putStrings("params", event.params())
                            .build())
                    .conditionExpression("attribute_not_exists(sk)"));
        } catch (ConditionalCheckFailedException e) {
            // Logged already by an earlier delivery of the same callback.
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
        var page = dynamo.query(b -> b.tableName(table).indexName("byTenantCreated")
                .keyConditionExpression("tenantId = :t AND createdAt BETWEEN :from AND :to")
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .exclusiveStartKey(Cursors.decode(cursor))
                .limit(limit));
        return new Page<>(page.items().stream().map(DynamoCallStore::toCall).toList(),
                page.hasLastEvaluatedKey() ? Cursors.encode(page.lastEvaluatedKey()) : null);
    }

    private StatusResult write(String callSid, Update update, String condition, boolean returnNew) {
        try {
            var response = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("callSid", s(callSid), "sk", s(CALL)))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    // DynamoDB rejects an empty map of names, and an update may use none.
                    .expressionAttributeNames(update.names.isEmpty() ? null : update.names)
                    .expressionAttributeValues(update.values)
                    .returnValues(returnNew ? ReturnValue.ALL_NEW : ReturnValue.NONE)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new StatusResult(Outcome.APPLIED, returnNew ? toCall(response.attributes()) : null);
        } catch (ConditionalCheckFailedException e) {
            String owner = e.hasItem() ? Item.string(e.item(), "tenantId") : null;
            if (owner != null && !owner.equals(update.values.get(":tenant").s())) {
                return new StatusResult(Outcome.FOREIGN, null);
            }
            return new StatusResult(Outcome.STALE, e.hasItem() ? toCall(e.item()) : null);
        }
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

    private static String digest(Map<String, String> params) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(params).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
