package dev.switchboard.local.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;

/**
 * The floor the AWS SDK sets: a bare DynamoDB client (the URL-connection HTTP client, region and
 * credentials given) making one PutItem, in a fresh JVM, measured as {@link FunctionProbe} is.
 * Each variant is one of the SDK's own start-up settings, to see what each is worth.
 *
 * <p>args: variant (plain, or lean: no endpoint discovery, no profile files), table name
 */
public final class SdkFloorProbe {
    private SdkFloorProbe() {
    }

    private static void put(DynamoDbClient dynamo, String table) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "idempotencyKey", AttributeValue.fromS("floor#" + System.nanoTime()),
                "expiresAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis() / 1000 + 60)))));
    }

    public static void main(String[] args) throws Exception {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")));
        if (args[0].equals("lean")) {
            // No endpoint discovery and no profile files to look for: nothing the client needs.
            ProfileFile none = ProfileFile.builder().content(new java.io.ByteArrayInputStream(new byte[0]))
                    .type(ProfileFile.Type.CONFIGURATION).build();
            builder.endpointDiscoveryEnabled(false)
                    .overrideConfiguration(o -> o.defaultProfileFileSupplier(() -> none).defaultProfileName("default"));
        }
        try (DynamoDbClient dynamo = builder.build()) {
            put(dynamo, args[1]);
            System.out.println("RESPONSE 200");
            String next = FunctionProbe.waitForTheMeasurement();
            if (next != null && next.startsWith("warm ")) {
                int requests = Integer.parseInt(next.substring(5).trim());
                FunctionProbe.timeWarm(requests, () -> put(dynamo, args[1]));
            }
        }
        System.exit(0);
    }
}
