package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the template's tables, queues and buckets in the emulators, under their logical
 * ids (buckets in lower case, as S3 requires), and returns how to name each to the functions.
 */
final class Provisioner {
    private Provisioner() {
    }

    /** @return each resource's logical id mapped to what !Ref yields for it locally */
    static Map<String, String> provision(Template template, DynamoDbClient dynamo, SqsClient sqs, S3Client s3) {
        Map<String, String> refs = new LinkedHashMap<>();
        template.tables().forEach((id, properties) -> {
            createTable(dynamo, id, properties);
            refs.put(id, id);
        });
        // Dead-letter queues first: a queue's redrive policy names its DLQ's ARN.
        List<String> order = new ArrayList<>(template.queues().keySet());
        order.sort((a, b) -> Boolean.compare(redriveTarget(template.queues().get(a)) != null,
                redriveTarget(template.queues().get(b)) != null));
        for (String id : order) {
            JsonNode properties = template.queues().get(id);
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            if (properties.has("VisibilityTimeout")) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, properties.get("VisibilityTimeout").asText());
            }
            if (properties.has("MessageRetentionPeriod")) {
                attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        properties.get("MessageRetentionPeriod").asText());
            }
            String target = redriveTarget(properties);
            if (target != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:"
                        + Emulators.REGION + ":" + Emulators.ACCOUNT_ID + ":" + target + "\",\"maxReceiveCount\":\""
                        + properties.path("RedrivePolicy").path("maxReceiveCount").asText("5") + "\"}");
            }
            String url = sqs.createQueue(b -> b.queueName(id).attributes(attributes)).queueUrl();
            refs.put(id, url);
        }
        for (String id : template.buckets()) {
            String name = id.toLowerCase(Locale.ROOT);
            s3.createBucket(b -> b.bucket(name));
            refs.put(id, name);
        }
        return refs;
    }

    /** The DLQ's logical id: the template writes it as !GetAtt Queue.Arn. */
    private static String redriveTarget(JsonNode properties) {
        JsonNode target = properties.path("RedrivePolicy").path("deadLetterTargetArn");
        if (target.isMissingNode()) {
            return null;
        }
        String text = target.isArray() ? target.get(0).asText() : target.asText();
        return text.endsWith(".Arn") ? text.substring(0, text.length() - 4) : text;
    }

    private static void createTable(DynamoDbClient dynamo, String name, JsonNode properties) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText())
                .attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText())
                .keySchema(keySchema(i.path("KeySchema")))
                .projection(Projection.builder()
                        .projectionType(ProjectionType.fromValue(i.path("Projection").path("ProjectionType").asText("ALL")))
                        .build())
                .build()));
        dynamo.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes).keySchema(keySchema(properties.path("KeySchema")));
            if (!indexes.isEmpty()) {
                b.globalSecondaryIndexes(indexes);
            }
            JsonNode stream = properties.path("StreamSpecification");
            if (!stream.isMissingNode()) {
                b.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(stream.path("StreamViewType").asText("NEW_IMAGE")));
            }
        });
        JsonNode ttl = properties.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return keys;
    }
}
