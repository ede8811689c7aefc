package dev.switchboard.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The deployment's configuration, as template.yaml hands it to every function in environment
 * variables. The local stack runs all functions in one JVM and cannot set environment
 * variables, so it supplies the same names as system properties; the environment wins.
 */
public record Settings(
        Optional<URI> publicBaseUrl,
        Tables tables,
        String eventsQueueUrl,
        Optional<String> mediaQueueUrl,
        Optional<String> sendQueueUrl,
        Duration eventRetention,
        Duration eventsSettle,
        String mediaBucket,
        Optional<String> kmsKeyId,
        Optional<String> localSecretKey,
        Optional<String> cursorsKmsKeyId,
        Duration directoryCacheTtl,
        AdminKey adminKey,
        URI twilioApi,
        Endpoints endpoints,
        boolean webhooksToLoopback,
        Channels channels) {

    public record Tables(String tenants, String accounts, String agents, String numbers, String calls,
                         String events, String apiKeys, String idempotency, String messages,
                         String webhookEndpoints, String webhookDeliveries, String realtimeTickets,
                         String realtimeConnections, String flows, String metrics) {
    }

    /**
     * The tenants' channels: webhook deliveries and WebSocket pushes.
     *
     * @param realtimeUrl         where browsers connect (wss://…/live), as tickets name it
     * @param connectionsUrl      the base of API Gateway's {@code @connections} API for that WebSocket API
     * @param retryCompression    how many times faster than the Standard Webhooks schedule retries come
     *                            (1 in AWS; the local stack's tests compress it)
     */
    public record Channels(Optional<String> deliveryQueueUrl, Optional<String> realtimeQueueUrl,
                           Optional<URI> realtimeUrl, Optional<URI> connectionsUrl, double retryCompression) {
    }

    /**
     * Where the platform admin API key comes from: in AWS the name of an SSM SecureString; on
     * the local stack the key itself, which it generates and prints.
     */
    public record AdminKey(Optional<String> ssmParameter, Optional<String> localKey) {
        @Override
        public String toString() {
            return "AdminKey[ssmParameter=" + ssmParameter.orElse("-") + "]";
        }
    }

    /** Endpoint overrides for the AWS services; empty in AWS, the emulators' URLs locally. */
    public record Endpoints(Optional<URI> dynamodb, Optional<URI> sqs, Optional<URI> s3, Optional<URI> kms,
                            Optional<URI> ssm) {
    }

    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    public static final String TENANTS_TABLE = "TENANTS_TABLE";
    public static final String ACCOUNTS_TABLE = "ACCOUNTS_TABLE";
    public static final String AGENTS_TABLE = "AGENTS_TABLE";
    public static final String NUMBERS_TABLE = "NUMBERS_TABLE";
    public static final String CALLS_TABLE = "CALLS_TABLE";
    public static final String EVENTS_TABLE = "EVENTS_TABLE";
    /** How long the events table keeps an event for the replay API (DynamoDB TTL). */
    public static final String EVENT_RETENTION_DAYS = "EVENT_RETENTION_DAYS";
    /**
     * How long after its stamp an event is listed by the replay API: long enough for any event
     * stamped before it to have committed and reached the index (docs/events.md, "Replay").
     */
    public static final String EVENTS_SETTLE_SECONDS = "EVENTS_SETTLE_SECONDS";
    public static final String API_KEYS_TABLE = "API_KEYS_TABLE";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String ADMIN_API_KEY_PARAMETER = "ADMIN_API_KEY_PARAMETER";
    public static final String ADMIN_API_KEY = "ADMIN_API_KEY";
    /** Where Twilio's REST API is: unset in AWS; the local stack's --twilio-api. */
    public static final String TWILIO_API_BASE_URL = "TWILIO_API_BASE_URL";
    public static final String EVENTS_QUEUE_URL = "EVENTS_QUEUE_URL";
    /** The media worker's queue: completed recordings to copy into S3. */
    public static final String MEDIA_QUEUE_URL = "MEDIA_QUEUE_URL";
    /** Where the schedule sweep puts messages that come due, each delayed to its sendAt. */
    public static final String SEND_QUEUE_URL = "SEND_QUEUE_URL";
    public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    public static final String WEBHOOK_ENDPOINTS_TABLE = "WEBHOOK_ENDPOINTS_TABLE";
    /**
     * "true" on the local stack only: tenants' webhook endpoints may then be http URLs on this
     * machine's loopback, so that a laptop can receive its own events. Never set in AWS.
     */
    public static final String WEBHOOKS_ALLOW_LOOPBACK_HTTP = "WEBHOOKS_ALLOW_LOOPBACK_HTTP";
    public static final String WEBHOOK_DELIVERIES_TABLE = "WEBHOOK_DELIVERIES_TABLE";
    public static final String WEBHOOK_DELIVERY_QUEUE_URL = "WEBHOOK_DELIVERY_QUEUE_URL";
    /** Local tests only: divides every wait of the retry schedule and the endpoint health clock. */
    public static final String WEBHOOK_RETRY_COMPRESSION = "WEBHOOK_RETRY_COMPRESSION";
    public static final String REALTIME_QUEUE_URL = "REALTIME_QUEUE_URL";
    public static final String REALTIME_TICKETS_TABLE = "REALTIME_TICKETS_TABLE";
    public static final String REALTIME_CONNECTIONS_TABLE = "REALTIME_CONNECTIONS_TABLE";
    /** Tenants' call flows and business-hours schedules. */
    public static final String FLOWS_TABLE = "FLOWS_TABLE";
    /** Local tests only, a system property: the instant the functions' clock reads ({@link LocalClock}). */
    public static final String LOCAL_NOW = "SWITCHBOARD_LOCAL_NOW";
    /** Call and message metrics: the facts counted and the aggregates (docs/metrics.md). */
    public static final String METRICS_TABLE = "METRICS_TABLE";
    public static final String REALTIME_URL = "REALTIME_URL";
    public static final String REALTIME_CONNECTIONS_URL = "REALTIME_CONNECTIONS_URL";
    public static final String MEDIA_BUCKET = "MEDIA_BUCKET";
    public static final String SECRETS_KMS_KEY_ID = "SECRETS_KMS_KEY_ID";
    public static final String SECRETS_LOCAL_KEY = "SECRETS_LOCAL_KEY";
    /** The HMAC KMS key list cursors are signed under (derived once per container). */
    public static final String CURSORS_KMS_KEY_ID = "CURSORS_KMS_KEY_ID";
    public static final String DIRECTORY_CACHE_SECONDS = "DIRECTORY_CACHE_SECONDS";
    public static final String ENDPOINT_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String ENDPOINT_KMS = "AWS_ENDPOINT_URL_KMS";
    public static final String ENDPOINT_SSM = "AWS_ENDPOINT_URL_SSM";

    public Settings {
        Objects.requireNonNull(publicBaseUrl, PUBLIC_BASE_URL);
        if (kmsKeyId.isEmpty() && localSecretKey.isEmpty()) {
            throw new IllegalStateException("Set " + SECRETS_KMS_KEY_ID + " (in AWS) or " + SECRETS_LOCAL_KEY
                    + " (local stack only): credentials cannot be decrypted without a key");
        }
    }

    public static Settings fromEnvironment() {
        return from(name -> {
            String value = System.getenv(name);
            return value != null ? value : System.getProperty(name);
        });
    }

    public static Settings from(Map<String, String> values) {
        return from(values::get);
    }

    public static Settings from(UnaryOperator<String> source) {
        return new Settings(
                optional(source, PUBLIC_BASE_URL).map(Settings::publicBaseUrl),
                new Tables(required(source, TENANTS_TABLE), required(source, ACCOUNTS_TABLE),
                        required(source, AGENTS_TABLE), required(source, NUMBERS_TABLE),
                        required(source, CALLS_TABLE), required(source, EVENTS_TABLE),
                        required(source, API_KEYS_TABLE), required(source, IDEMPOTENCY_TABLE),
                        required(source, MESSAGES_TABLE), required(source, WEBHOOK_ENDPOINTS_TABLE),
                        required(source, WEBHOOK_DELIVERIES_TABLE), required(source, REALTIME_TICKETS_TABLE),
                        required(source, REALTIME_CONNECTIONS_TABLE), required(source, FLOWS_TABLE),
                        required(source, METRICS_TABLE)),
                required(source, EVENTS_QUEUE_URL),
                optional(source, MEDIA_QUEUE_URL),
                optional(source, SEND_QUEUE_URL),
                Duration.ofDays(optional(source, EVENT_RETENTION_DAYS).map(Long::parseLong).orElse(30L)),
                Duration.ofSeconds(optional(source, EVENTS_SETTLE_SECONDS).map(Long::parseLong).orElse(5L)),
                required(source, MEDIA_BUCKET),
                optional(source, SECRETS_KMS_KEY_ID),
                optional(source, SECRETS_LOCAL_KEY),
                optional(source, CURSORS_KMS_KEY_ID),
                Duration.ofSeconds(optional(source, DIRECTORY_CACHE_SECONDS).map(Long::parseLong).orElse(30L)),
                new AdminKey(optional(source, ADMIN_API_KEY_PARAMETER), optional(source, ADMIN_API_KEY)),
                URI.create(optional(source, TWILIO_API_BASE_URL).orElse("https://api.twilio.com")),
                new Endpoints(
                        optional(source, ENDPOINT_DYNAMODB).map(URI::create),
                        optional(source, ENDPOINT_SQS).map(URI::create),
                        optional(source, ENDPOINT_S3).map(URI::create),
                        optional(source, ENDPOINT_KMS).map(URI::create),
                        optional(source, ENDPOINT_SSM).map(URI::create)),
                optional(source, WEBHOOKS_ALLOW_LOOPBACK_HTTP).map("true"::equals).orElse(false),
                new Channels(optional(source, WEBHOOK_DELIVERY_QUEUE_URL), optional(source, REALTIME_QUEUE_URL),
                        optional(source, REALTIME_URL).map(URI::create),
                        optional(source, REALTIME_CONNECTIONS_URL).map(URI::create),
                        optional(source, WEBHOOK_RETRY_COMPRESSION).map(Double::parseDouble).orElse(1.0)));
    }

    /**
     * The URL Twilio calls, without a trailing slash, so that base + rawPath is what Twilio
     * signed. Empty when unset: each request's own host is used (see WebhookAdapter).
     */
    static URI publicBaseUrl(String value) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri = URI.create(trimmed);
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalStateException(PUBLIC_BASE_URL + " must be an absolute http(s) URL without a query: "
                    + value);
        }
        return uri;
    }

    private static String required(UnaryOperator<String> source, String name) {
        return optional(source, name).orElseThrow(
                () -> new IllegalStateException("Missing configuration " + name));
    }

    private static Optional<String> optional(UnaryOperator<String> source, String name) {
        return Optional.ofNullable(source.apply(name)).filter(v -> !v.isBlank());
    }
}
