package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.apikeys.ApiKeySecrets;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.local.realtime.Invoker;
import dev.switchboard.local.realtime.WebSocketGateway;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.crypto.LocalDataKeys;
import dev.switchboard.shared.config.WebhookPaths;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Switchboard on one machine: the emulators, the template's resources in them, the seed, and
 * the HTTP API serving the real handlers. The functions get their configuration as system
 * properties under the environment variable names the template gives them (see Settings), so
 * there is one local stack per JVM.
 */
public final class LocalStack implements AutoCloseable {
    public static final String DEMO_SEED = "/switchboard/demo-seed.json";

    /**
     * @param port          0 for any free port
     * @param seed          null for the bundled demo seed
     * @param twilioApi     another Twilio (real or a mock) for the functions to call; null for the
     *                      stack's own Twilio simulator
     * @param simulatorPort where the simulator listens: -1 for the port after {@code port} (any
     *                      free port when that is 0)
     * @param awsPortsFrom  0 for emulators on free ports, else on this port and the next two
     * @param retryCompression how many times faster webhook retries and endpoint health run than in
     *                      AWS (1: as in AWS); tests compress them to see days of failures in seconds
     * @param observers     what every function's AWS clients report each call to (none: the functions
     *                      are built as Lambda builds them); see {@link LambdaFunctions}
     */
    public record Options(int port, Path seed, URI publicUrl, URI twilioApi, int simulatorPort, int awsPortsFrom,
                          double retryCompression, java.util.List<ExecutionInterceptor> observers) {
        public Options {
            observers = java.util.List.copyOf(observers);
        }

        public Options(int port, Path seed, URI publicUrl, URI twilioApi, int simulatorPort, int awsPortsFrom,
                       double retryCompression) {
            this(port, seed, publicUrl, twilioApi, simulatorPort, awsPortsFrom, retryCompression, java.util.List.of());
        }

        public Options(int port, Path seed, URI publicUrl, URI twilioApi, int simulatorPort, int awsPortsFrom) {
            this(port, seed, publicUrl, twilioApi, simulatorPort, awsPortsFrom, 1);
        }

        public Options(int port, Path seed, URI publicUrl, URI twilioApi) {
            this(port, seed, publicUrl, twilioApi, -1, 0);
        }

        public static Options defaults() {
            return new Options(3000, null, null, null, -1, 0);
        }

        public Options withPort(int port) {
            return new Options(port, seed, publicUrl, twilioApi, simulatorPort, awsPortsFrom, retryCompression,
                    observers);
        }

        public Options withRetryCompression(double factor) {
            return new Options(port, seed, publicUrl, twilioApi, simulatorPort, awsPortsFrom, factor, observers);
        }

        /** Every function built over a platform whose AWS clients also report to these. */
        public Options withObservers(ExecutionInterceptor... observers) {
            return new Options(port, seed, publicUrl, twilioApi, simulatorPort, awsPortsFrom, retryCompression,
                    java.util.List.of(observers));
        }
    }

    private final Emulators emulators;
    private final Template template;
    private final Map<String, String> environment;
    private final LambdaFunctions functions;
    private final EventSources eventSources;
    private final ApiServer server;
    private final WebSocketGateway realtime;
    private final URI baseUrl;
    private final TwilioSimulator simulator;
    private final java.util.List<String> tenantIds;

    private LocalStack(Emulators emulators, Template template, Map<String, String> environment,
                       LambdaFunctions functions, EventSources eventSources, ApiServer server,
                       WebSocketGateway realtime, URI baseUrl, TwilioSimulator simulator,
                       java.util.List<String> tenantIds) {
        this.realtime = realtime;
        this.simulator = simulator;
        this.tenantIds = tenantIds;
        this.emulators = emulators;
        this.eventSources = eventSources;
        this.template = template;
        this.environment = environment;
        this.functions = functions;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** Starts everything and serves the HTTP API. */
    public static LocalStack start(Options options) throws IOException {
        return start(options, true);
    }

    /** Starts everything but the HTTP server, for {@code invoke}. */
    public static LocalStack startWithoutServer(Options options) throws IOException {
        return start(options, false);
    }

    private static LocalStack start(Options options, boolean serve) throws IOException {
        // Checked whole before anything starts: a bad seed costs no emulator start-up.
        Seed.Contents seed = readSeed(options.seed()).check();
        Template template = Template.bundled();
        // Bind first, so that port 0 resolves before the public URL is derived from it.
        LambdaFunctions functions = new LambdaFunctions(template, options.observers());
        ApiServer server = serve ? PortInUse.listen(options.port(), "the API", "pass --port N (0 for any free port)",
                () -> new ApiServer(options.port(), template, functions)) : null;
        Emulators emulators = null;
        TwilioSimulator simulator = null;
        WebSocketGateway realtime = null;
        try {
            if (serve && template.webSocketApi() != null) {
                int realtimePort = options.port() == 0 ? 0 : options.port() + 2;
                realtime = PortInUse.listen(realtimePort, "the WebSocket API",
                        "pass --port N (the WebSocket API listens two ports after it)",
                        () -> new WebSocketGateway(realtimePort, template.webSocketApi(), invoker(functions)));
            }
            int port = server != null ? server.port() : options.port();
            URI baseUrl = URI.create("http://127.0.0.1:" + port);
            URI publicUrl = options.publicUrl() != null ? options.publicUrl() : baseUrl;
            URI twilioApi = options.twilioApi();
            if (twilioApi == null) {
                int simulatorPort = options.simulatorPort() >= 0 ? options.simulatorPort()
                        : options.port() == 0 || !serve ? 0 : options.port() + 1;
                // Webhooks go to the public URL as configured; from here it is reached at baseUrl.
                String publicBase = publicUrl.toString();
                simulator = PortInUse.listen(simulatorPort, "the Twilio simulator",
                        "pass --simulator-port N (by default the port after --port)",
                        () -> new TwilioSimulator(simulatorPort, uri -> uri.toString().startsWith(publicBase)
                                ? URI.create(baseUrl + uri.toString().substring(publicBase.length())) : uri,
                                System.out));
                twilioApi = simulator.baseUrl();
                simulate(seed, simulator, publicBase);
            }
            emulators = Emulators.start(options.awsPortsFrom());
            Map<String, String> refs;
            try (var dynamo = dynamo(emulators); var sqs = sqs(emulators); var s3 = s3(emulators)) {
                refs = Provisioner.provision(template, dynamo, sqs, s3);
            }
            Map<String, String> environment = environment(template, refs, emulators, publicUrl, twilioApi);
            environment.put(Settings.WEBHOOK_RETRY_COMPRESSION, String.valueOf(options.retryCompression()));
            // The template's wss://${RealtimeApi}… cannot resolve here: the gateway's own URLs.
            if (realtime != null) {
                environment.put(Settings.REALTIME_URL, realtime.url().toString());
                environment.put(Settings.REALTIME_CONNECTIONS_URL, realtime.connectionsUrl().toString());
            } else {
                // invoke: no gateway runs, but a ticket still names where one would (PORT + 2).
                String nominal = "127.0.0.1:" + (options.port() + 2) + "/live";
                environment.put(Settings.REALTIME_URL, "ws://" + nominal);
                environment.put(Settings.REALTIME_CONNECTIONS_URL, "http://" + nominal);
            }
            environment.forEach(System::setProperty);
            System.setProperty("aws.region", Emulators.REGION);
            System.setProperty("aws.accessKeyId", Emulators.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", Emulators.SECRET_KEY);
            Seed.load(seed, Repositories.of(Settings.from(environment)));
            // Their own clients, alive as long as the stack: the mappings poll in the background.
            EventSources eventSources = new EventSources(
                    new StreamEventSources(template, functions, dynamo(emulators), streams(emulators), sqs(emulators),
                            refs),
                    new QueueEventSources(template, functions, sqs(emulators), refs, true),
                    new ScheduleEventSources(template, functions, true));
            return new LocalStack(emulators, template, Collections.unmodifiableMap(environment), functions,
                    eventSources, server, realtime, baseUrl, simulator,
                    seed.tenants().stream().map(t -> t.id()).toList());
        } catch (RuntimeException | IOException e) {
            if (server != null) {
                server.close();
            }
            if (realtime != null) {
                realtime.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            if (emulators != null) {
                emulators.close();
            }
            throw e;
        }
    }

    /**
     * How the WebSocket gateway calls a function: with the event as the handler's declared type,
     * converted as Lambda would deserialize it when the handler takes another (a Map, say).
     */
    private static Invoker invoker(LambdaFunctions functions) {
        return (function, event) -> {
            Class<?> type = functions.eventType(function);
            return functions.invokeRaw(function, type.isInstance(event) ? event
                    : dev.switchboard.shared.json.Json.MAPPER.convertValue(event, type));
        };
    }

    /** The seed's accounts and numbers, at the simulated Twilio too, their webhooks on Switchboard. */
    private static void simulate(Seed.Contents seed, TwilioSimulator simulator, String publicBase) {
        seed.authTokens().forEach(simulator::addAccount);
        for (var number : seed.numbers()) {
            simulator.addNumber(number.accountSid(), number.phoneNumber(), publicBase + WebhookPaths.INBOUND,
                    publicBase + WebhookPaths.STATUS, publicBase + WebhookPaths.MESSAGING_INBOUND);
        }
    }

    static Seed readSeed(Path path) throws IOException {
        if (path == null) {
            try (InputStream in = LocalStack.class.getResourceAsStream(DEMO_SEED)) {
                return Seed.read(in, "bundled demo seed");
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new Seed.Invalid(path + ": no such file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Seed.read(in, path.toString());
        }
    }

    /**
     * The template's Globals environment with each !Ref resolved to its local counterpart,
     * plus what only the local stack sets: emulator endpoints and a fresh secrets key.
     */
    static Map<String, String> environment(Template template, Map<String, String> refs, Emulators emulators,
                                           URI publicUrl, URI twilioApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        template.environment().forEach((name, node) -> {
            String value = value(node);
            String kind = template.kinds().get(value);
            if (kind == null) {
                environment.put(name, value);
            } else if (refs.containsKey(value)) {
                environment.put(name, refs.get(value));
            } else if (value.equals("PublicBaseUrl")) {
                environment.put(name, publicUrl.toString());
            }
            // Anything else (the KMS key) has no local counterpart and is left unset.
        });
        environment.put(Settings.SECRETS_LOCAL_KEY, LocalDataKeys.newKeyBase64());
        // A laptop receives its own events: endpoints on loopback over http (never in AWS).
        environment.put(Settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP, "true");
        // In AWS the admin key is an SSM SecureString; locally a fresh one, printed at start.
        environment.remove(Settings.ADMIN_API_KEY_PARAMETER);
        environment.put(Settings.ADMIN_API_KEY, ApiKeySecrets.newAdminKey());
        // Locally a routing change should apply to the next call, not after the cache's TTL.
        environment.put(Settings.DIRECTORY_CACHE_SECONDS, "0");
        environment.put(Settings.ENDPOINT_DYNAMODB, emulators.dynamoEndpoint().toString());
        environment.put(Settings.ENDPOINT_SQS, emulators.sqsEndpoint().toString());
        environment.put(Settings.ENDPOINT_S3, emulators.s3Endpoint().toString());
        environment.put(Settings.TWILIO_API_BASE_URL, twilioApi.toString());
        return environment;
    }

    private static String value(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The tenants the seed loaded, by id. */
    public java.util.List<String> tenantIds() {
        return tenantIds;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Template template() {
        return template;
    }

    public LambdaFunctions functions() {
        return functions;
    }

    /** The template's event source mappings (streams and queues), running. */
    public EventSources eventSources() {
        return eventSources;
    }

    public Emulators emulators() {
        return emulators;
    }

    /** The template's WebSocket API; null when the template has none or the stack does not serve. */
    public WebSocketGateway realtime() {
        return realtime;
    }

    /** The Twilio simulator the functions call, unless the stack was pointed at another Twilio. */
    public java.util.Optional<TwilioSimulator> simulator() {
        return java.util.Optional.ofNullable(simulator);
    }

    public static DynamoDbClient dynamo(Emulators emulators) {
        return DynamoDbClient.builder().endpointOverride(emulators.dynamoEndpoint()).region(Region.of(Emulators.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static DynamoDbStreamsClient streams(Emulators emulators) {
        return DynamoDbStreamsClient.builder().endpointOverride(emulators.dynamoEndpoint())
                .region(Region.of(Emulators.REGION)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs(Emulators emulators) {
        return SqsClient.builder().endpointOverride(emulators.sqsEndpoint()).region(Region.of(Emulators.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static S3Client s3(Emulators emulators) {
        return S3Client.builder().endpointOverride(emulators.s3Endpoint()).region(Region.of(Emulators.REGION))
                .forcePathStyle(true).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        // Before the event sources and emulators: $disconnect still has its table to write to.
        if (realtime != null) {
            realtime.close();
        }
        eventSources.close();
        emulators.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
