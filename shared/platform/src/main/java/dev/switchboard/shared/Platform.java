package dev.switchboard.shared;

import dev.switchboard.shared.config.SsmSecureParameter;
import dev.switchboard.shared.aws.SignedCalls;
import dev.switchboard.shared.config.LocalClock;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.idempotency.DynamoIdempotencyStore;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.crypto.DataKeys;
import dev.switchboard.shared.crypto.DerivedKeys;
import dev.switchboard.shared.crypto.KmsDataKeys;
import dev.switchboard.shared.crypto.LocalDataKeys;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.lambda.PrimingHttpClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every capability is built on, wired by hand from {@link Settings}: the configuration, the
 * SDK clients, the sealer of secrets, the cursor seal and the clock. Each function's handler builds
 * one in its no-argument constructor (its composition root) and hands it to the wiring of each
 * capability it uses ({@code TenancyWiring}, {@code VoiceWiring}, ...), which builds that
 * capability's repositories; the clients a function does not use are never built. Nothing is
 * static: tests and the local stack build their own against the emulators.
 */
public final class Platform {
    private final Settings settings;
    private final DynamoDbClient dynamo;
    private final Supplier<SqsClient> sqs;
    private final SecretSealer sealer;
    private final CursorSeal cursors;
    private static final String CURSOR_KEY_LABEL = "switchboard/list-cursors/v1";
    private final Supplier<Optional<String>> adminKey;
    private final Clock clock;
    private final SignedCalls signedCalls;

    private final List<ExecutionInterceptor> observers;

    private Platform(Settings settings, List<ExecutionInterceptor> observers) {
        this.settings = settings;
        this.observers = observers;
        // Against the emulators, a test may set the time the functions see (LocalClock).
        this.clock = settings.endpoints().dynamodb().isPresent() ? new LocalClock() : Clock.systemUTC();
        // SnapStart priming answers the clients' requests itself while it runs (PrimingHttpClient).
        SdkHttpClient http = new PrimingHttpClient(UrlConnectionHttpClient.create());
        AwsCredentialsProvider credentials = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
        Region region = region();
        this.signedCalls = new SignedCalls(http, credentials, region.id());
        this.dynamo = configure(DynamoDbClient.builder().httpClient(http), credentials, region,
                settings.endpoints().dynamodb()).endpointDiscoveryEnabled(false).build();
        // Built on first use, each in its own class: only the events publisher and the schedule
        // sweep send to SQS, only functions that open a credential or sign a cursor in AWS call
        // KMS, and a function never loads the classes of a client it does not build.
        this.sqs = Lazy.of(OtherClients.sqs(this, http, credentials, region));
        Supplier<KmsClient> kms = Lazy.of(OtherClients.kms(this, http, credentials, region));
        Supplier<DataKeys> keys = Lazy.of(() -> settings.localSecretKey()
                .<DataKeys>map(LocalDataKeys::fromBase64)
                .orElseGet(() -> new KmsDataKeys(kms.get(), settings.kmsKeyId().orElseThrow())));
        this.sealer = new SecretSealer(new DataKeys() {
            @Override
            public DataKey generate(java.util.Map<String, String> context) {
                return keys.get().generate(context);
            }

            @Override
            public byte[] unwrap(byte[] wrapped, java.util.Map<String, String> context) {
                return keys.get().unwrap(wrapped, context);
            }
        });
        // Derived on the first list request, not at start: only the API's list routes need it.
        Supplier<byte[]> cursorKey = Lazy.of(() -> settings.localSecretKey()
                .map(local -> DerivedKeys.fromLocalKey(local, CURSOR_KEY_LABEL))
                .orElseGet(() -> DerivedKeys.fromKms(kms.get(), settings.cursorsKmsKeyId().orElseThrow(
                        () -> new IllegalStateException("Missing configuration " + Settings.CURSORS_KMS_KEY_ID)),
                        CURSOR_KEY_LABEL)));
        this.cursors = new CursorSeal(cursorKey);
        // Fetched on first use, not at start: a function that never sees the admin key never
        // calls SSM, and SnapStart never snapshots the key.
        var admin = settings.adminKey();
        this.adminKey = Lazy.of(() -> admin.localKey().or(() -> admin.ssmParameter().map(name ->
                new SsmSecureParameter(signedCalls, settings.endpoints().ssm().orElse(null)).value(name))));
    }

    /** A function's platform, configured from its environment: what its composition root builds on. */
    public static Platform fromEnvironment() {
        return create(Settings.fromEnvironment());
    }

    public static Platform create(Settings settings) {
        return new Platform(settings, List.of());
    }

    /**
     * A platform whose AWS clients also report every call to {@code observers}: how the benchmark
     * counts the round trips each webhook makes, and the load run the write units every function
     * spends (the local stack builds each function over one: {@code LocalStack.Options.withObservers}).
     */
    public static Platform observed(Settings settings, ExecutionInterceptor... observers) {
        return new Platform(settings, List.of(observers));
    }

    /**
     * Region and credentials given, not discovered (no profile files, no instance metadata); the
     * endpoint the emulators' when local; the benchmark's observers when there are any.
     */
    <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider credentials,
                                                           Region region, Optional<URI> endpoint) {
        builder.credentialsProvider(credentials).region(region);
        endpoint.ifPresent(builder::endpointOverride);
        if (!observers.isEmpty()) {
            builder.overrideConfiguration(o -> observers.forEach(o::addExecutionInterceptor));
        }
        return builder;
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        if (region == null) {
            region = System.getProperty("aws.region", "us-east-1");
        }
        return Region.of(region);
    }

    public Settings settings() {
        return settings;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** Calls to AWS APIs that have no SDK client here, signed (SSM, API Gateway's @connections). */
    public SignedCalls signedCalls() {
        return signedCalls;
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public SecretSealer sealer() {
        return sealer;
    }

    /** The Idempotency-Key of the routes that act at Twilio. */
    public Idempotency idempotency() {
        return new Idempotency(new DynamoIdempotencyStore(dynamo, settings.tables().idempotency()), clock);
    }

    /** Seals and opens the list cursors clients see. */
    public CursorSeal cursors() {
        return cursors;
    }

    /** The platform admin API key, if this deployment has one. */
    public Optional<String> adminKey() {
        return adminKey.get();
    }

    public Clock clock() {
        return clock;
    }
}
