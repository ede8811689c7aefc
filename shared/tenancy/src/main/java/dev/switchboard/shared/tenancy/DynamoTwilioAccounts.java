package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.WholeItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/** The accounts table, keyed by accountSid. See docs/data-model.md. */
public record DynamoTwilioAccounts(DynamoDbClient dynamo, String table) implements TwilioAccounts {
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
        return WholeItem.get(dynamo, table, Map.of("accountSid", AttributeValue.fromS(accountSid)))
                .map(i -> new TwilioAccount(Item.string(i, "accountSid"), Item.string(i, "tenantId"),
                        Item.string(i, "sealedAuthToken"), Item.string(i, "twimlAppSid"),
                        Item.string(i, "apiKeySid"), Item.string(i, "sealedApiKeySecret")));
    }
}
