package dev.switchboard.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any AWS tool works against the local stack with whatever credentials it has: the same tables,
 * queues and bucket as the functions see (DynamoDB Local's shared database).
 */
class AwsToolsTest {
    private static final StaticCredentialsProvider SOMEONE_ELSE = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAEXAMPLEOTHERUSER", "a-different-secret"));

    @Test
    void anotherProfileSeesTheStacksResources() {
        var emulators = TestStack.get().emulators();
        try (var dynamo = DynamoDbClient.builder().endpointOverride(emulators.dynamoEndpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(SOMEONE_ELSE).httpClient(UrlConnectionHttpClient.create()).build();
             var sqs = SqsClient.builder().endpointOverride(emulators.sqsEndpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(SOMEONE_ELSE).httpClient(UrlConnectionHttpClient.create()).build();
             var s3 = S3Client.builder().endpointOverride(emulators.s3Endpoint()).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(SOMEONE_ELSE)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertTrue(dynamo.listTables().tableNames().contains("CallsTable"), "the stack's tables, any region or key");
            assertTrue(sqs.listQueues().queueUrls().stream().anyMatch(u -> u.endsWith("/EventsQueue")));
            assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("mediabucket")));
        }
    }
}
