package dev.switchboard.shared.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.json.JsonText;
import dev.switchboard.shared.lambda.ApiAdapter;
import dev.switchboard.shared.lambda.PrimingHttpClient;
import dev.switchboard.shared.lambda.WebhookAdapter;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.TwilioSignature;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming that primes: before Lambda snapshots an initialised function, each of its
 * webhook and API adapters answers one made-up request through the real path (signature check,
 * the directory, the stores, the AWS SDK's marshalling, signing and response parsing, TwiML or
 * JSON), so that the snapshot holds those classes loaded and initialised and the first real
 * request after a restore loads almost nothing. Nothing leaves the container: every AWS request
 * made meanwhile is answered by {@link PrimingHttpClient} (a made-up account, number and tenant,
 * an empty answer to every write), and the directory forgets what it cached. No secret is read and
 * none is in the snapshot.
 */
public final class Priming implements Resource {
    private static final Log LOG = Log.of(Priming.class);
    // CRaC holds resources weakly: a function's priming is kept alive here, and only for that.
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final PrimingFixture fixture;
    private final List<WebhookAdapter> webhooks = new CopyOnWriteArrayList<>();
    /** The query each webhook's made-up request carries (a flow's action names its state there). */
    private final Map<WebhookAdapter, String> queries = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ApiAdapter> apis = new CopyOnWriteArrayList<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();

    /** The made-up account, tenant, number, agent, auth token and TwiML App every made-up request names. */
    public static final String ACCOUNT = "AC" + "f".repeat(32);
    public static final String TENANT = "priming";
    public static final String NUMBER = "+15005550006";
    public static final String AGENT = "priming";
    public static final String AGENT_IDENTITY = "priming_agent";
    public static final String TOKEN = "priming-auth-token";
    public static final String APP = "AP" + "f".repeat(32);
    private static final byte[] DATA_KEY = new byte[32];
    private static final String BASE_URL = "https://priming.invalid";

    private Priming(PrimingFixture fixture) {
        this.fixture = fixture;
    }

    /**
     * A function's priming, registered with the SnapStart hook: its composition root gives the
     * fixture of the capability whose tables its requests read, and adds the adapters that answer. A function without any (the authorizer, the queue and stream
     * workers) primes its way to DynamoDB only.
     */
    public static Priming register(PrimingFixture fixture) {
        Priming priming = new Priming(fixture);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    public Priming webhook(WebhookAdapter adapter) {
        webhooks.add(adapter);
        return this;
    }

    /** A webhook whose made-up request carries this query, as the URLs Switchboard gives Twilio do. */
    public Priming webhook(WebhookAdapter adapter, String rawQuery) {
        queries.put(adapter, rawQuery);
        return webhook(adapter);
    }

    public Priming api(ApiAdapter adapter) {
        apis.add(adapter);
        return this;
    }

    /**
     * A write route primed too, with {@code body}, for an API whose one route is a write (its GET
     * routes are primed already): safe, since priming answers every AWS call itself.
     */
    public Priming write(ApiAdapter adapter, String routeKey, String body) {
        writes.add(new Write(adapter, routeKey, body));
        return this;
    }

    private record Write(ApiAdapter adapter, String routeKey, String body) {
    }

    /** What the checkpoint hook runs for every function registered: how the benchmark counts what it leaves to load. */
    public static void primeAll() {
        REGISTERED.forEach(Priming::prime);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    /** Answers one made-up request of each kind through each adapter, with nothing leaving the container. */
    public synchronized void prime() {
        if (webhooks.isEmpty() && apis.isEmpty() && writes.isEmpty()) {
            // The authorizer and the queue and stream workers: nothing of theirs answers a request
            // this way (and the authorizer does not carry the KMS client sealing needs), but the
            // way to DynamoDB is theirs too.
            realRead();
            return;
        }
        boolean[] refuseWrites = new boolean[1];
        PrimingHttpClient.answerWith((operation, body) -> refuseWrites[0]
                && operation.equals("DynamoDB_20120810.TransactWriteItems") ? CANCELED
                : answer(operation, body));
        Log.mute(true);
        try {
            fixture.before();
            // Twice: once written, once refused as a repeated delivery is (the transaction canceled).
            for (boolean refused : new boolean[]{false, true}) {
                refuseWrites[0] = refused;
                for (WebhookAdapter webhook : webhooks) {
                    // A call from a phone, and one from an agent's browser through the tenant's app.
                    String query = queries.getOrDefault(webhook, "");
                    webhook.handle(webhookEvent(webhook, "+15005550001", NUMBER, query));
                    webhook.handle(webhookEvent(webhook, "client:" + AGENT_IDENTITY, "+15005550001", query));
                }
            }
            for (ApiAdapter api : apis) {
                api.getRoutes().forEach(route -> api.handle(apiEvent(route)));
            }
            for (Write write : writes) {
                var event = apiEvent(write.routeKey());
                event.setBody(write.body());
                write.adapter().handle(event);
            }
            // And one real read, of an account that does not exist, for the HTTP connection's own
            // classes: a read changes nothing anywhere, and even a refusal has crossed the wire.
            PrimingHttpClient.answerWith(null);
            realRead();
        } catch (RuntimeException | LinkageError e) {
            // Priming is an optimisation: a function that could not prime still starts, only slower.
            Log.mute(false);
            LOG.warn("priming failed", "reason", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            PrimingHttpClient.answerWith(null);
            fixture.after();
            Log.mute(false);
        }
    }

    /** One real read of an item that does not exist; a refusal (no right to read it) primes as well. */
    private void realRead() {
        Log.mute(true);
        try {
            fixture.realRead();
        } catch (RuntimeException refusedOrUnreachable) {
            // Primed as far as it goes: the classes of the way there are loaded.
        } finally {
            Log.mute(false);
        }
    }

    /** A webhook request with every parameter any of the webhooks reads, signed as Twilio signs. */
    private static APIGatewayV2HTTPEvent webhookEvent(WebhookAdapter adapter, String from, String to, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", "CA" + "0".repeat(32));
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", to);
        params.put("Called", to);
        params.put("Caller", from);
        params.put("ApplicationSid", APP);
        params.put("DialCallStatus", "completed");
        params.put("RecordingSid", "RE" + "0".repeat(32));
        params.put("RecordingStatus", "in-progress");
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE"
                + "0".repeat(32));
        params.put("RecordingDuration", "1");
        params.put("TranscriptionStatus", "completed");
        params.put("TranscriptionText", "priming");
        params.put("MessageSid", "SM" + "0".repeat(32));
        params.put("MessageStatus", "sent");
        params.put("Body", "priming");
        params.put("NumMedia", "0");
        String path = "/priming";
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        var event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(query.isEmpty() ? null : queryParameters(query))
                .withHeaders(new LinkedHashMap<>(Map.of("content-type", "application/x-www-form-urlencoded")))
                .withBody(form.toString()).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(BASE_URL.substring("https://".length())).build())
                .build();
        // Signed for the URL the adapter will check: the configured public URL, if there is one.
        event.getHeaders().put("x-twilio-signature", TwilioSignature.sign(TOKEN, adapter.request(event).url(), params));
        return event;
    }

    private static Map<String, String> queryParameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static APIGatewayV2HTTPEvent apiEvent(String routeKey) {
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        Map<String, String> path = new LinkedHashMap<>();
        String rawPath = template;
        for (var parameter : Map.ofEntries(Map.entry("tenantId", TENANT), Map.entry("agentId", AGENT),
                Map.entry("keyId", "priming"), Map.entry("callSid", "CA" + "0".repeat(32)), Map.entry("phoneNumber", NUMBER),
                Map.entry("messageId", "msg_" + "0".repeat(24)), Map.entry("conversationId", "cv_" + "0".repeat(24)),
                Map.entry("endpointId", "we_" + "0".repeat(24)), Map.entry("flowId", "priming"),
                Map.entry("scheduleId", "priming")).entrySet()) {
            if (template.contains("{" + parameter.getKey() + "}")) {
                path.put(parameter.getKey(), parameter.getValue());
                rawPath = rawPath.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey).withRawPath(rawPath).withRawQueryString("")
                .withHeaders(Map.of()).withPathParameters(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(BASE_URL.substring("https://".length()))
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("role", "TENANT", "tenantId", TENANT, "keyId", "priming")).build())
                        .build())
                .build();
    }

    /** DynamoDB refusing a transaction whose claim is already there: a repeated delivery. */
    private static final String CANCELED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
            + "\"message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons"
            + " [None, ConditionalCheckFailed, ConditionalCheckFailed]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
            + "{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"},"
            + "{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"}]}";

    /** What AWS would answer, made up: DynamoDB's and KMS's JSON protocol, items from the fixture. */
    private String answer(String operation, String body) {
        String encodedKey = Base64.getEncoder().encodeToString(DATA_KEY);
        return switch (operation) {
            case "TrentService.GenerateDataKey" -> JsonText.write(Map.of("KeyId", "priming", "Plaintext", encodedKey,
                    "CiphertextBlob", encodedKey));
            case "TrentService.Decrypt" -> JsonText.write(Map.of("KeyId", "priming", "Plaintext", encodedKey,
                    "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
            case "TrentService.GenerateMac" -> JsonText.write(Map.of("KeyId", "priming", "Mac", encodedKey,
                    "MacAlgorithm", "HMAC_SHA_256"));
            case "DynamoDB_20120810.GetItem" -> {
                Map<String, Object> item = fixture.item(operation, body);
                yield item == null ? "{}" : JsonText.write(Map.of("Item", item));
            }
            case "DynamoDB_20120810.Query", "DynamoDB_20120810.Scan" -> {
                Map<String, Object> item = fixture.item(operation, body);
                yield JsonText.write(Map.of("Count", item == null ? 0 : 1, "ScannedCount", item == null ? 0 : 1,
                        "Items", item == null ? List.of() : List.of(item)));
            }
            case "DynamoDB_20120810.BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{}}";
            default -> "{}";
        };
    }
}
