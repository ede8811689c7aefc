package dev.switchboard.shared;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.function.Supplier;

/**
 * The clients a function may never build: SQS and KMS are optional dependencies of
 * the platform module, carried only by the functions that use them. Each is built by a supplier
 * written as a class, not a lambda: linking a lambda resolves its return type, which would load
 * (or fail to find) the client's class in every function that never builds it.
 */
final class OtherClients {
    private OtherClients() {
    }

    static Supplier<SqsClient> sqs(Platform platform, SdkHttpClient http, AwsCredentialsProvider credentials,
                                   Region region) {
        return new Supplier<>() {
            @Override
            public SqsClient get() {
                return platform.configure(SqsClient.builder().httpClient(http), credentials, region,
                        platform.settings().endpoints().sqs()).build();
            }
        };
    }

    static Supplier<KmsClient> kms(Platform platform, SdkHttpClient http, AwsCredentialsProvider credentials,
                                   Region region) {
        return new Supplier<>() {
            @Override
            public KmsClient get() {
                return platform.configure(KmsClient.builder().httpClient(http), credentials, region,
                        platform.settings().endpoints().kms()).build();
            }
        };
    }
}
