package dev.switchboard.shared.media;

import dev.switchboard.shared.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * A tenant's stored media in the deployment's bucket: short-lived playback links, and deletion.
 * Built only by the functions that touch media, which carry the S3 client (an optional
 * dependency of shared).
 */
public final class MediaLinks {
    /** The longest a playback link lives. */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

    private final S3Presigner presigner;
    private final S3Client s3;
    private final String bucket;

    public MediaLinks(S3Presigner presigner, S3Client s3, String bucket) {
        this.presigner = presigner;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The S3 client for the deployment's bucket: path-style against the local stack's S3 server. */
    public static S3Client s3(Settings settings) {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials())
                .region(region());
        settings.endpoints().s3().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    public static MediaLinks of(Settings settings) {
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

    public String playback(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(LINK_LIFETIME)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
