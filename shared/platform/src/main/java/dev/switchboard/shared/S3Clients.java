package dev.switchboard.shared;

import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.media.MediaLinks;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 clients, for the composition roots of the functions that touch media (S3 is an optional
 * dependency: a class of its own, so that no other function loads its classes).
 */
public final class S3Clients {
    private S3Clients() {
    }

    /** The S3 client for the deployment's bucket: path-style against the local stack's S3 server. */
    public static S3Client s3(Settings settings) {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials())
                .region(region());
        settings.endpoints().s3().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    public static MediaLinks mediaLinks(Settings settings) {
        var presigner = S3Presigner.builder().credentialsProvider(credentials()).region(region());
        settings.endpoints().s3().ifPresent(endpoint -> presigner.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return new MediaLinks(presigner.build(), s3(settings), settings.mediaBucket());
    }

    private static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region != null ? region : System.getProperty("aws.region", "us-east-1"));
    }
}
