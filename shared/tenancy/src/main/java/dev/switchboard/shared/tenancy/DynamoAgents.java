package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.IndexQuery;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.Transaction;
import dev.switchboard.shared.store.Transactions;
import dev.switchboard.shared.store.WholeItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.Map;
import java.util.Optional;

/**
 * Agents, and beside each in the tenant's partition a claim on its client identity (sort key
 * {@link #IDENTITY} + identity; agent ids never contain '~', and sort before it), so that two
 * agents of one tenant can never share a browser identity.
 */
public record DynamoAgents(DynamoDbClient dynamo, String table) implements Agents {
    static final String IDENTITY = "~identity#";

    @Override
    public void put(Agent agent) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(agent))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(claim(agent))).build()));
    }

    @Override
    public Created create(Agent agent) {
        return new Transaction<Created>()
                .add(Expression.when("attribute_not_exists(agentId)").put(table, item(agent)), Created.ID_TAKEN)
                .add(Expression.when("attribute_not_exists(agentId)").put(table, claim(agent)), Created.IDENTITY_TAKEN)
                .commit(items -> Transactions.run(dynamo, items)).orElse(Created.CREATED);
    }

    @Override
    public boolean replace(Agent before, Agent after) {
        return WholeItem.replace(dynamo, table, item(before), item(after));
    }

    @Override
    public Optional<Agent> get(String tenantId, String agentId) {
        if (agentId.startsWith("~")) {
            return Optional.empty();   // an identity claim, never an agent
        }
        return WholeItem.get(dynamo, table, key(tenantId, agentId)).map(DynamoAgents::agent);
    }

    @Override
    public Page<Agent> list(String tenantId, String cursor, int limit) {
        return IndexQuery.of(table, null, "tenantId = :t AND agentId < :claims")
                .with(":t", tenantId).with(":claims", "~")
                .after(KeyCursor.decode(cursor, tenantId, "tenantId", "agentId")).limit(limit)
                .page(dynamo, DynamoAgents::agent);
    }

    @Override
    public Optional<Agent> byClientIdentity(String tenantId, String clientIdentity) {
        // Within one tenant's partition: a handful of agents, read with a filter.
        var pages = dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("tenantId = :t")
                .filterExpression("clientIdentity = :c")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId),
                        ":c", AttributeValue.fromS(clientIdentity))));
        return pages.items().stream().findFirst().map(DynamoAgents::agent);
    }

    @Override
    public boolean delete(String tenantId, String agentId) {
        Optional<Agent> agent = get(tenantId, agentId);
        if (agent.isEmpty()) {
            return false;
        }
        String identity = agent.get().clientIdentity();
        // The agent as read, and its identity claim with it (absent for agents stored before
        // claims existed, hence "not exists or ours"). Refused: it changed or went meanwhile.
        return new Transaction<Boolean>()
                .add(Expression.when("clientIdentity = :c").with(":c", identity)
                        .delete(table, key(tenantId, agentId)), false)
                .add(Expression.when("attribute_not_exists(agentId) OR ownerAgentId = :a").with(":a", agentId)
                        .delete(table, key(tenantId, IDENTITY + identity)), false)
                .commit(items -> Transactions.run(dynamo, items)).orElse(true);
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
