package dev.switchboard.shared;

import dev.switchboard.shared.apikeys.ApiKeys;
import dev.switchboard.shared.apikeys.DynamoApiKeys;
import dev.switchboard.shared.apikeys.SsmSecureParameter;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.DynamoCalls;
import dev.switchboard.shared.calls.DynamoRecordings;
import dev.switchboard.shared.calls.DynamoVoicemailInbox;
import dev.switchboard.shared.calls.Recordings;
import dev.switchboard.shared.calls.VoicemailInbox;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.idempotency.DynamoIdempotencyStore;
import dev.switchboard.shared.crypto.DataKeys;
import dev.switchboard.shared.crypto.DerivedKeys;
import dev.switchboard.shared.crypto.KmsDataKeys;
import dev.switchboard.shared.crypto.LocalDataKeys;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.lambda.PrimingHttpClient;
import dev.switchboard.shared.messaging.Conversations;
import dev.switchboard.shared.messaging.DynamoConversations;
import dev.switchboard.shared.messaging.DynamoMessages;
import dev.switchboard.shared.messaging.DynamoOptOuts;
import dev.switchboard.shared.messaging.DynamoScheduledMessages;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.messaging.ScheduledMessages;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.DynamoTenants;
import dev.switchboard.shared.tenancy.DynamoTwilioAccounts;
import dev.switchboard.shared.tenancy.DynamoAgents;
import dev.switchboard.shared.tenancy.DynamoNumbers;
import dev.switchboard.shared.twilio.TwilioClients;
import dev.switchboard.shared.webhook.WebhookGuard;
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
 * The parts a function is composed of, wired by hand from {@link Settings}: SDK clients,
 * repositories, lookups. Each function's handler builds one in its no-argument constructor (its
 * composition root) and takes from it what it uses; the clients a function does not use are never
 * built. Nothing is static: tests and the local stack build their own against the emulators.
 */
public final class Platform {
    private final Settings settings;
    private final DynamoDbClient dynamo;
    private final Supplier<SqsClient> sqs;
    private final SecretSealer sealer;
    // One per function: it is a cache. Built when first asked for (webhooks only).
    private Directory directory;
    private final Supplier<TwilioClients> twilio;
    private final CursorSeal cursors;
    private static final String CURSOR_KEY_LABEL = "switchboard/list-cursors/v1";
    private final Supplier<Optional<String>> adminKey;
    private final Clock clock = Clock.systemUTC();

    private final List<ExecutionInterceptor> observers;

    private Platform(Settings settings, List<ExecutionInterceptor> observers) {
        this.settings = settings;
        this.observers = observers;
        // SnapStart priming answers the clients' requests itself while it runs (PrimingHttpClient).
        SdkHttpClient http = new PrimingHttpClient(UrlConnectionHttpClient.create());
        AwsCredentialsProvider credentials = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
        Region region = region();
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
        // Only the API functions call Twilio: the webhooks' cold start does not pay for its client.
        this.twilio = Lazy.of(OtherClients.twilio(settings.twilioApi()));
        // Fetched on first use, not at start: a function that never sees the admin key never
        // calls SSM, and SnapStart never snapshots the key.
        var admin = settings.adminKey();
        this.adminKey = Lazy.of(() -> admin.localKey().or(() -> admin.ssmParameter().map(name ->
                new SsmSecureParameter(http, credentials, region.id(), settings.endpoints().ssm().orElse(null))
                        .value(name))));
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
     * counts the round trips each webhook makes.
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

    public SqsClient sqs() {
        return sqs.get();
    }

    public SecretSealer sealer() {
        return sealer;
    }

    // The repositories are built when asked for: they hold nothing but the client and their
    // table, and a function loads the classes of only those its composition root takes.

    public Tenants tenants() {
        return new DynamoTenants(dynamo, settings.tables().tenants());
    }

    public TwilioAccounts accounts() {
        return new DynamoTwilioAccounts(dynamo, settings.tables().accounts());
    }

    public Agents agents() {
        return new DynamoAgents(dynamo, settings.tables().agents());
    }

    public Numbers numbers() {
        return new DynamoNumbers(dynamo, settings.tables().numbers());
    }

    public synchronized Directory directory() {
        if (directory == null) {
            directory = new Directory(accounts(), numbers(), agents(), sealer, settings.directoryCacheTtl(), clock);
        }
        return directory;
    }

    public WebhookGuard webhookGuard() {
        return new WebhookGuard(directory());
    }

    public Calls calls() {
        return new DynamoCalls(dynamo, settings.tables().calls(), outbox(), clock);
    }

    public Recordings recordings() {
        return new DynamoRecordings(dynamo, settings.tables().calls(), outbox(), clock);
    }

    public VoicemailInbox voicemails() {
        return new DynamoVoicemailInbox(dynamo, settings.tables().calls(), outbox(), clock);
    }

    public Messages messages() {
        return new DynamoMessages(dynamo, settings.tables().messages(), outbox());
    }

    public Conversations conversations() {
        return new DynamoConversations(dynamo, settings.tables().messages(), optOuts());
    }

    /** Who opted out of each tenant's messages, and the rule every send follows. */
    public OptOuts optOuts() {
        return new DynamoOptOuts(dynamo, settings.tables().messages(), outbox());
    }

    public ScheduledMessages scheduledMessages() {
        return new DynamoScheduledMessages(dynamo, settings.tables().messages(), outbox());
    }

    /** The outbox every store writes its events through. */
    public EventOutbox outbox() {
        return new EventOutbox(dynamo, settings.tables().events(), settings.eventRetention(), settings.eventsSettle(),
                clock);
    }

    public TwilioClients twilio() {
        return twilio.get();
    }

    /** The Idempotency-Key of the routes that act at Twilio. */
    public Idempotency idempotency() {
        return new Idempotency(new DynamoIdempotencyStore(dynamo, settings.tables().idempotency()), clock);
    }

    /** Seals and opens the list cursors clients see. */
    public CursorSeal cursors() {
        return cursors;
    }

    public ApiKeys apiKeys() {
        return new DynamoApiKeys(dynamo, settings.tables().apiKeys());
    }

    /** The platform admin API key, if this deployment has one. */
    public Optional<String> adminKey() {
        return adminKey.get();
    }

    public Clock clock() {
        return clock;
    }
}
