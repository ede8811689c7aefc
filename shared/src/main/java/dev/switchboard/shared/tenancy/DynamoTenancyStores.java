package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** DynamoDB adapters of {@link TenancyStores}; keys are listed in docs/data-model.md. */
public final class DynamoTenancyStores {
    private DynamoTenancyStores() {
    }

    /**
     * Writes {@code after} only if the item is still exactly {@code before}, attribute for
     * attribute: a read-modify-write that lost a race (a concurrent change or delete) writes
     * nothing and returns false, so nothing deleted comes back and no change is overwritten.
     */
    private static boolean replace(DynamoDbClient dynamo, String table, Map<String, AttributeValue> before,
                                   Map<String, AttributeValue> after) {
        Set<String> attributes = new TreeSet<>(before.keySet());
        attributes.addAll(after.keySet());
        Unchanged unchanged = Unchanged.of(before, attributes);
        try {
            dynamo.putItem(b -> b.tableName(table).item(after).conditionExpression(unchanged.condition())
                    .expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Deletes the item only while it is exactly {@code before}: a compare-and-delete. */
    private static boolean withdraw(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key,
                                    Map<String, AttributeValue> before) {
        Unchanged unchanged = Unchanged.of(before, new TreeSet<>(before.keySet()));
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key).conditionExpression(unchanged.condition())
                    .expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A condition that holds while each attribute is as in {@code before} (absent where it was absent). */
    private record Unchanged(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        static Unchanged of(Map<String, AttributeValue> before, Set<String> attributes) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> conditions = new ArrayList<>();
            int i = 0;
            for (String attribute : attributes) {
                String name = "#a" + i;
                names.put(name, attribute);
                if (before.containsKey(attribute)) {
                    values.put(":a" + i, before.get(attribute));
                    conditions.add(name + " = :a" + i);
                } else {
                    conditions.add("attribute_not_exists(" + name + ")");
                }
                i++;
            }
            return new Unchanged(String.join(" AND ", conditions), names, values.isEmpty() ? null : values);
        }
    }

    private static Optional<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                               Map<String, AttributeValue> key) {
        // Consistent reads: a number or account just saved must route on the next call.
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public record Tenants(DynamoDbClient dynamo, String table) implements TenancyStores.Tenants {
        /** The tenant's own fields; any settings on the item stay as they are. */
        @Override
        public void put(Tenant tenant) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", AttributeValue.fromS(tenant.name())));
            String update = "SET #name = :n";
            if (tenant.accountSid() != null) {
                values.put(":a", AttributeValue.fromS(tenant.accountSid()));
                update += ", accountSid = :a";
            }
            String expression = update;
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("tenantId", AttributeValue.fromS(tenant.id())))
                    .updateExpression(expression).expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(values));
        }

        @Override
        public RecordingSettings recordingSettings(String tenantId) {
            return DynamoTenancyStores.get(dynamo, table, Map.of("tenantId", AttributeValue.fromS(tenantId)))
                    .filter(i -> i.containsKey("recordingFormat"))
                    .map(i -> new RecordingSettings(Item.string(i, "recordingFormat"),
                            Boolean.TRUE.equals(i.get("deleteRecordingsAtTwilio").bool())))
                    .orElse(RecordingSettings.DEFAULT);
        }

        @Override
        public boolean setRecordingSettings(String tenantId, RecordingSettings settings) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                        .updateExpression("SET recordingFormat = :f, deleteRecordingsAtTwilio = :d")
                        .conditionExpression("attribute_exists(tenantId)")
                        .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(settings.format()),
                                ":d", AttributeValue.fromBool(settings.deleteAtTwilio()))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        private static Map<String, AttributeValue> item(Tenant tenant) {
            return Item.create().put("tenantId", tenant.id()).put("name", tenant.name())
                    .put("accountSid", tenant.accountSid()).build();
        }

        @Override
        public boolean create(Tenant tenant) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item(tenant))
                        .conditionExpression("attribute_not_exists(tenantId)"));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        @Override
        public Optional<Tenant> get(String tenantId) {
            return DynamoTenancyStores.get(dynamo, table, Map.of("tenantId", AttributeValue.fromS(tenantId)))
                    .map(i -> new Tenant(Item.string(i, "tenantId"), Item.string(i, "name"),
                            Item.string(i, "accountSid")));
        }
    }

    public record Accounts(DynamoDbClient dynamo, String table) implements TenancyStores.Accounts {
        @Override
        public void put(TwilioAccount account) {
            dynamo.putItem(b -> b.tableName(table).item(item(account)));
        }

        @Override
        public boolean connect(TwilioAccount account) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item(account))
                        .conditionExpression("attribute_not_exists(accountSid) OR tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(account.tenantId()))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        private static Map<String, AttributeValue> item(TwilioAccount account) {
            return Item.create()
                    .put("accountSid", account.accountSid())
                    .put("tenantId", account.tenantId())
                    .put("sealedAuthToken", account.sealedAuthToken())
                    .put("twimlAppSid", account.twimlAppSid())
                    .put("apiKeySid", account.apiKeySid())
                    .put("sealedApiKeySecret", account.sealedApiKeySecret())
                    .build();
        }

        @Override
        public Optional<TwilioAccount> get(String accountSid) {
            return DynamoTenancyStores.get(dynamo, table, Map.of("accountSid", AttributeValue.fromS(accountSid)))
                    .map(i -> new TwilioAccount(Item.string(i, "accountSid"), Item.string(i, "tenantId"),
                            Item.string(i, "sealedAuthToken"), Item.string(i, "twimlAppSid"),
                            Item.string(i, "apiKeySid"), Item.string(i, "sealedApiKeySecret")));
        }
    }

    /**
     * Agents, and beside each in the tenant's partition a claim on its client identity (sort key
     * {@link #IDENTITY} + identity; agent ids never contain '~', and sort before it), so that two
     * agents of one tenant can never share a browser identity.
     */
    public record Agents(DynamoDbClient dynamo, String table) implements TenancyStores.Agents {
        static final String IDENTITY = "~identity#";

        @Override
        public void put(Agent agent) {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item(agent))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(claim(agent))).build()));
        }

        @Override
        public Created create(Agent agent) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item(agent))
                                .conditionExpression("attribute_not_exists(agentId)")).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(claim(agent))
                                .conditionExpression("attribute_not_exists(agentId)")).build()));
                return Created.CREATED;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return Created.ID_TAKEN;
                }
                if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    return Created.IDENTITY_TAKEN;
                }
                throw e;
            }
        }

        @Override
        public boolean replace(Agent before, Agent after) {
            return DynamoTenancyStores.replace(dynamo, table, item(before), item(after));
        }

        @Override
        public Optional<Agent> get(String tenantId, String agentId) {
            if (agentId.startsWith("~")) {
                return Optional.empty();   // an identity claim, never an agent
            }
            return DynamoTenancyStores.get(dynamo, table, key(tenantId, agentId)).map(Agents::agent);
        }

        @Override
        public Page<Agent> list(String tenantId, String cursor, int limit) {
            var page = dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("tenantId = :t AND agentId < :claims")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId),
                            ":claims", AttributeValue.fromS("~")))
                    .exclusiveStartKey(KeyCursor.decode(cursor, tenantId, "tenantId", "agentId"))
                    .limit(limit));
            return new Page<>(page.items().stream().map(Agents::agent).toList(),
                    page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
        }

        @Override
        public Optional<Agent> byClientIdentity(String tenantId, String clientIdentity) {
            // Within one tenant's partition: a handful of agents, read with a filter.
            var pages = dynamo.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("tenantId = :t")
                    .filterExpression("clientIdentity = :c")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId),
                            ":c", AttributeValue.fromS(clientIdentity))));
            return pages.items().stream().findFirst().map(Agents::agent);
        }

        @Override
        public boolean delete(String tenantId, String agentId) {
            Optional<Agent> agent = get(tenantId, agentId);
            if (agent.isEmpty()) {
                return false;
            }
            String identity = agent.get().clientIdentity();
            try {
                // The agent as read, and its identity claim with it (absent for agents stored
                // before claims existed, hence "not exists or ours").
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(tenantId, agentId))
                                .conditionExpression("clientIdentity = :c")
                                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(identity)))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(table)
                                .key(key(tenantId, IDENTITY + identity))
                                .conditionExpression("attribute_not_exists(agentId) OR ownerAgentId = :a")
                                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(agentId)))).build()));
                return true;
            } catch (TransactionCanceledException e) {
                return false;
            }
        }

        private static Map<String, AttributeValue> claim(Agent agent) {
            return Item.create()
                    .put("tenantId", agent.tenantId())
                    .put("agentId", IDENTITY + agent.clientIdentity())
                    .put("ownerAgentId", agent.id())
                    .build();
        }

        private static Map<String, AttributeValue> key(String tenantId, String agentId) {
            return Map.of("tenantId", AttributeValue.fromS(tenantId), "agentId", AttributeValue.fromS(agentId));
        }

        private static Map<String, AttributeValue> item(Agent agent) {
            return Item.create()
                    .put("tenantId", agent.tenantId())
                    .put("agentId", agent.id())
                    .put("name", agent.name())
                    .put("phone", agent.phone())
                    .put("clientIdentity", agent.clientIdentity())
                    .build();
        }

        private static Agent agent(Map<String, AttributeValue> i) {
            return new Agent(Item.string(i, "tenantId"), Item.string(i, "agentId"), Item.string(i, "name"),
                    Item.string(i, "phone"), Item.string(i, "clientIdentity"));
        }
    }

    public record Numbers(DynamoDbClient dynamo, String table) implements TenancyStores.Numbers {
        @Override
        public void put(PhoneNumber number) {
            dynamo.putItem(b -> b.tableName(table).item(item(number)));
        }

        @Override
        public boolean claim(PhoneNumber number) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item(number))
                        .conditionExpression("attribute_not_exists(phoneNumber) OR tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(number.tenantId()))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        @Override
        public boolean replace(PhoneNumber before, PhoneNumber after) {
            return DynamoTenancyStores.replace(dynamo, table, item(before), item(after));
        }

        @Override
        public int count(String tenantId, int atMost) {
            int count = 0;
            Map<String, AttributeValue> start = null;
            do {
                var from = start;
                int room = atMost - count;
                var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                        .keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                        .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                        .exclusiveStartKey(from).limit(room));
                count += page.count();
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null && count < atMost);
            return count;
        }

        @Override
        public boolean add(PhoneNumber number) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item(number))
                        .conditionExpression("attribute_not_exists(phoneNumber)"));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        @Override
        public boolean withdraw(PhoneNumber number) {
            return DynamoTenancyStores.withdraw(dynamo, table,
                    Map.of("phoneNumber", AttributeValue.fromS(number.phoneNumber())), item(number));
        }

        @Override
        public Page<PhoneNumber> list(String tenantId, String cursor, int limit) {
            var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                    .keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                    .exclusiveStartKey(KeyCursor.decode(cursor, tenantId, "tenantId", "phoneNumber"))
                    .limit(limit));
            return new Page<>(page.items().stream().map(Numbers::number).toList(),
                    page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
        }

        @Override
        public boolean delete(String tenantId, String phoneNumber) {
            try {
                dynamo.deleteItem(b -> b.tableName(table)
                        .key(Map.of("phoneNumber", AttributeValue.fromS(phoneNumber)))
                        .conditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        private static Map<String, AttributeValue> item(PhoneNumber number) {
            Routing r = number.routing();
            Item item = Item.create()
                    .put("phoneNumber", number.phoneNumber())
                    .put("tenantId", number.tenantId())
                    .put("accountSid", number.accountSid())
                    .put("agentId", number.agentId())
                    .put("routing", Item.create()
                            .put("mode", r.mode().wireName())
                            .put("forwardTo", r.forwardTo())
                            .put("record", r.record())
                            .put("timeoutSeconds", r.timeoutSeconds())
                            .put("greeting", r.greeting())
                            .put("streamUrl", r.streamUrl())
                            .put("voicemail", r.voicemail())
                            .put("voicemailGreeting", r.voicemailGreeting()));
            // Only when set: a number stored before messaging settings existed compares equal to the defaults.
            if (!number.messaging().equals(MessagingSettings.NONE)) {
                item.put("messaging", Item.create()
                        .put("autoReply", number.messaging().autoReply())
                        .put("autoReplyWindowMinutes", number.messaging().autoReplyWindowMinutes())
                        .put("helpText", number.messaging().helpText()));
            }
            return item.build();
        }

        @Override
        public Optional<PhoneNumber> get(String phoneNumber) {
            return DynamoTenancyStores.get(dynamo, table, Map.of("phoneNumber", AttributeValue.fromS(phoneNumber)))
                    .map(Numbers::number);
        }

        private static PhoneNumber number(Map<String, AttributeValue> i) {
            var r = Item.map(i, "routing");
            Routing routing = new Routing(RoutingMode.fromWire(Item.string(r, "mode")),
                    Item.string(r, "forwardTo"), Item.bool(r, "record"),
                    Item.number(r, "timeoutSeconds").intValue(), Item.string(r, "greeting"),
                    Item.string(r, "streamUrl"), Item.bool(r, "voicemail"),
                    Item.string(r, "voicemailGreeting"));
            var m = Item.map(i, "messaging");
            MessagingSettings messaging = m.isEmpty() ? MessagingSettings.NONE : new MessagingSettings(
                    Item.string(m, "autoReply"), Item.number(m, "autoReplyWindowMinutes").intValue(),
                    Item.string(m, "helpText"));
            return new PhoneNumber(Item.string(i, "phoneNumber"), Item.string(i, "tenantId"),
                    Item.string(i, "accountSid"), Item.string(i, "agentId"), routing, messaging);
        }
    }
}
