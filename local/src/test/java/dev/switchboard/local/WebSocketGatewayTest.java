package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.realtime.Invoker;
import dev.switchboard.local.realtime.TextFrames;
import dev.switchboard.local.realtime.WebSocketApi;
import dev.switchboard.local.realtime.WebSocketGateway;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack's API Gateway WebSocket emulator, driven by the JDK's WebSocket and HTTP
 * clients as a browser and a function's management API client would drive API Gateway. The
 * functions are played here: an authorizer that lets ticket "good" in, and an integration
 * that records what it is called with.
 */
class WebSocketGatewayTest {
    private static final String AUTHORIZER = "TicketAuthorizer";
    private static final String CONNECTIONS = "ConnectionsFunction";
    private static final WebSocketApi API = new WebSocketApi("$request.body.action",
            Map.of("$connect", CONNECTIONS, "$disconnect", CONNECTIONS, "$default", CONNECTIONS,
                    "subscribe", CONNECTIONS),
            AUTHORIZER, List.of("route.request.querystring.ticket"), "live");
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/execute-api/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=00";
    private static final long WAIT = 5;

    private final Functions functions = new Functions();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WebSocketGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new WebSocketGateway(0, API, functions);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theTemplateDeclaresTheApiTheGatewayServes() {
        WebSocketApi api = Template.bundled().webSocketApi();
        assertNotNull(api, "template.yaml has a WebSocket API");
        assertEquals("$request.body.action", api.routeSelectionExpression());
        assertEquals(Map.of("$connect", "RealtimeConnectionsFunction", "$disconnect", "RealtimeConnectionsFunction",
                "$default", "RealtimeConnectionsFunction"), api.routes());
        assertEquals("RealtimeAuthorizerFunction", api.authorizerFunction());
        assertEquals(List.of("route.request.querystring.ticket"), api.identitySources());
        assertEquals("live", api.stage());
    }

    @Test
    void theLocalStackServesItAndTellsTheFunctionsWhere() throws Exception {
        LocalStack stack = TestStack.get();
        WebSocketGateway realtime = stack.realtime();
        assertNotNull(realtime, "the stack serves the template's WebSocket API");
        assertEquals(realtime.url().toString(), stack.environment().get(Settings.REALTIME_URL));
        assertEquals(realtime.connectionsUrl().toString(), stack.environment().get(Settings.REALTIME_CONNECTIONS_URL));
        assertTrue(realtime.url().toString().matches("ws://127\\.0\\.0\\.1:\\d+/live"), realtime.url().toString());
        // API Gateway's 401 comes before any function runs.
        ExecutionException refused = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                .buildAsync(realtime.url(), new Client().listener).get(WAIT, TimeUnit.SECONDS));
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse()
                .statusCode());
    }

    @Test
    void withoutATicketTheUpgradeIsUnauthorizedAndTheAuthorizerNeverRuns() throws Exception {
        assertEquals(401, refusal(gateway.url()));
        assertEquals(0, functions.authorizerCalls.get());
        assertTrue(functions.connects.isEmpty());
    }

    @Test
    void aTicketTheAuthorizerDeniesIsForbidden() throws Exception {
        assertEquals(403, refusal(withTicket("bad")));
        assertEquals(1, functions.authorizerCalls.get());
        assertTrue(functions.connects.isEmpty(), "$connect never runs for a denied connection");
    }

    @Test
    void anAuthorizerThatFailsIsAServerError() throws Exception {
        assertEquals(500, refusal(withTicket("crash")));
    }

    @Test
    void aConnectRouteThatRefusesRefusesTheUpgradeWithItsStatus() throws Exception {
        functions.connectStatus = 409;
        assertEquals(409, refusal(withTicket("good")));
        assertEquals(0, gateway.openConnections());
    }

    @Test
    void aGoodTicketConnectsAndConnectSeesTheAuthorizersContext() throws Exception {
        Client client = connect();
        APIGatewayV2WebSocketEvent connect = client.connect;
        assertEquals("$connect", connect.getRequestContext().getRouteKey());
        assertEquals("CONNECT", connect.getRequestContext().getEventType());
        assertEquals("live", connect.getRequestContext().getStage());
        assertEquals("127.0.0.1:" + gateway.port(), connect.getRequestContext().getDomainName());
        assertEquals("127.0.0.1", connect.getRequestContext().getIdentity().getSourceIp());
        assertEquals(Map.of("tenantId", "tenant-1", "principalId", "agent-1"),
                connect.getRequestContext().getAuthorizer());
        assertEquals("good", connect.getQueryStringParameters().get("ticket"));
        assertEquals(16, connect.getRequestContext().getConnectionId().length());
        assertTrue(connect.getRequestContext().getConnectedAt() > 0);
        assertEquals(1, gateway.openConnections());
        assertTrue(functions.authorizerEvent.getMethodArn().endsWith(":local/live/$connect"));
        assertEquals("REQUEST", functions.authorizerEvent.getType());
    }

    @Test
    void messagesGoToTheRouteTheirActionNamesElseToDefault() throws Exception {
        Client client = connect();
        client.socket.sendText("{\"action\":\"subscribe\",\"topic\":\"calls\"}", true).get(WAIT, TimeUnit.SECONDS);
        client.socket.sendText("{\"action\":\"nothing-by-that-name\"}", true).get(WAIT, TimeUnit.SECONDS);
        // A message in fragments arrives whole.
        client.socket.sendText("not ", false).get(WAIT, TimeUnit.SECONDS);
        client.socket.sendText("json", true).get(WAIT, TimeUnit.SECONDS);

        APIGatewayV2WebSocketEvent subscribe = next(functions.messages);
        assertEquals("subscribe", subscribe.getRequestContext().getRouteKey());
        assertEquals("MESSAGE", subscribe.getRequestContext().getEventType());
        assertEquals("{\"action\":\"subscribe\",\"topic\":\"calls\"}", subscribe.getBody());
        assertEquals(client.id(), subscribe.getRequestContext().getConnectionId());
        assertEquals("tenant-1", subscribe.getRequestContext().getAuthorizer().get("tenantId"));
        assertNotNull(subscribe.getRequestContext().getMessageId());

        APIGatewayV2WebSocketEvent other = next(functions.messages);
        assertEquals("$default", other.getRequestContext().getRouteKey());
        assertEquals("{\"action\":\"nothing-by-that-name\"}", other.getBody());

        APIGatewayV2WebSocketEvent fragmented = next(functions.messages);
        assertEquals("$default", fragmented.getRequestContext().getRouteKey());
        assertEquals("not json", fragmented.getBody());
        assertEquals("agent-1", fragmented.getRequestContext().getAuthorizer().get("principalId"));
    }

    @Test
    void aPostReachesTheClientAndGetDescribesTheConnection() throws Exception {
        Client client = connect();
        HttpResponse<String> posted = manage("POST", client.id(), "{\"type\":\"call.started\"}");
        assertEquals(200, posted.statusCode());
        assertEquals("", posted.body());
        assertEquals("{\"type\":\"call.started\"}", client.texts.poll(WAIT, TimeUnit.SECONDS));

        HttpResponse<String> described = manage("GET", client.id(), null);
        assertEquals(200, described.statusCode());
        JsonNode connection = Json.MAPPER.readTree(described.body());
        assertEquals("127.0.0.1", connection.path("identity").path("sourceIp").asText());
        assertTrue(connection.path("connectedAt").asText().endsWith("Z"));
        assertTrue(connection.path("lastActiveAt").asText().endsWith("Z"));

        // The stage in the path is optional, as with API Gateway's own domain.
        HttpResponse<String> withoutStage = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/@connections/" + client.id()))
                .header("Authorization", SIGNED).POST(HttpRequest.BodyPublishers.ofString("second")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withoutStage.statusCode());
        assertEquals("second", client.texts.poll(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void anUnsignedCallIsForbidden() throws Exception {
        Client client = connect();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                        URI.create(gateway.connectionsUrl() + "/@connections/" + client.id()))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertNull(client.texts.poll(0, TimeUnit.SECONDS));
    }

    @Test
    void anUnknownConnectionIsGone() throws Exception {
        HttpResponse<String> posted = manage("POST", "AAAAAAAAAAAAAAA=", "hello");
        assertEquals(410, posted.statusCode());
        assertEquals("GoneException", posted.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals(410, manage("GET", "AAAAAAAAAAAAAAA=", null).statusCode());
        assertEquals(410, manage("DELETE", "AAAAAAAAAAAAAAA=", null).statusCode());
    }

    @Test
    void aPostOverTheMessageLimitIsTooLarge() throws Exception {
        Client client = connect();
        HttpResponse<String> posted = manage("POST", client.id(), "x".repeat(200 * 1024));
        assertEquals(413, posted.statusCode());
        // The limit is 128 KB, not a frame's 32 KB.
        String largest = "y".repeat(128 * 1024);
        assertEquals(200, manage("POST", client.id(), largest).statusCode());
        assertEquals(largest, client.texts.poll(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void aClientMessageOverTheLimitClosesTheConnectionWith1009() throws Exception {
        Client client = connect();
        client.socket.sendText("x".repeat(200 * 1024), true);
        assertEquals(1009, client.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(client.id(), next(functions.disconnects).getRequestContext().getConnectionId());
        assertTrue(functions.messages.isEmpty(), "nothing of it reached a route");
    }

    @Test
    void deleteClosesTheConnectionAndDisconnectRunsOnce() throws Exception {
        Client client = connect();
        HttpResponse<String> deleted = manage("DELETE", client.id(), null);
        assertEquals(204, deleted.statusCode());
        assertEquals(1001, client.closed.get(WAIT, TimeUnit.SECONDS));
        APIGatewayV2WebSocketEvent disconnect = next(functions.disconnects);
        assertEquals("$disconnect", disconnect.getRequestContext().getRouteKey());
        assertEquals("DISCONNECT", disconnect.getRequestContext().getEventType());
        assertEquals(client.id(), disconnect.getRequestContext().getConnectionId());
        assertEquals("tenant-1", disconnect.getRequestContext().getAuthorizer().get("tenantId"));
        assertEquals(410, manage("POST", client.id(), "late").statusCode());

        // Closing the gateway waits for every $disconnect; none more has come for this connection.
        gateway.close();
        assertTrue(functions.disconnects.isEmpty(), "$disconnect ran once");
        assertEquals(0, gateway.openConnections());
    }

    @Test
    void aClientThatClosesIsDisconnected() throws Exception {
        Client client = connect();
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT, TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, client.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(client.id(), next(functions.disconnects).getRequestContext().getConnectionId());
        assertEquals(410, manage("GET", client.id(), null).statusCode());
    }

    @Test
    void anIdleConnectionIsClosedAndDisconnected() throws Exception {
        gateway.close();
        gateway = new WebSocketGateway(0, API, functions, Duration.ofMillis(300), Duration.ofHours(2));
        Client client = connect();
        assertEquals(1001, client.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(client.id(), next(functions.disconnects).getRequestContext().getConnectionId());
        assertEquals(0, gateway.openConnections());
    }

    @Test
    void aConnectionEndsAtItsMaximumDurationThoughBusy() throws Exception {
        gateway.close();
        gateway = new WebSocketGateway(0, API, functions, Duration.ofMinutes(10), Duration.ofMillis(500));
        Client client = connect();
        // Messages keep it from idling, not from its maximum duration.
        while (!client.closed.isDone()) {
            try {
                client.socket.sendPing(java.nio.ByteBuffer.allocate(0)).get(WAIT, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                break;
            }
            try {
                client.closed.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Still open: ping again.
            }
        }
        assertEquals(1001, client.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(client.id(), next(functions.disconnects).getRequestContext().getConnectionId());
    }

    @Test
    void closingTheGatewayClosesItsConnections() throws Exception {
        Client first = connect();
        Client second = connect();
        gateway.close();
        assertEquals(1001, first.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(1001, second.closed.get(WAIT, TimeUnit.SECONDS));
        assertEquals(Set.of(first.id(), second.id()), Set.of(next(functions.disconnects).getRequestContext()
                .getConnectionId(), next(functions.disconnects).getRequestContext().getConnectionId()));
    }

    @Test
    void postsFromManyThreadsArriveWhole() throws Exception {
        Client client = connect();
        int threads = 8;
        int each = 25;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                for (int i = 0; i < each; i++) {
                    int message = i;
                    statuses.add(pool.submit(() -> manage("POST", client.id(),
                            thread + ":" + message + ":" + "z".repeat(1000 * (message % 40))).statusCode()));
                }
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(WAIT * 2, TimeUnit.SECONDS));
            }
        }
        for (int i = 0; i < threads * each; i++) {
            String text = client.texts.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(text, "message " + i + " arrived");
            String[] parts = text.split(":");
            assertEquals("z".repeat(1000 * (Integer.parseInt(parts[1]) % 40)), parts.length > 2 ? parts[2] : "",
                    "a frame not cut into by another");
        }
    }

    // --- the client side ---------------------------------------------------------------------------

    private URI withTicket(String ticket) {
        return URI.create(gateway.url() + "?ticket=" + ticket);
    }

    private int refusal(URI uri) throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> http.newWebSocketBuilder().buildAsync(uri, new Client().listener).get(WAIT, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode();
    }

    private Client connect() throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().buildAsync(withTicket("good"), client.listener).get(WAIT, TimeUnit.SECONDS);
        // $connect ran before the upgrade was answered.
        client.connect = functions.connects.poll(0, TimeUnit.SECONDS);
        assertNotNull(client.connect, "$connect ran");
        return client;
    }

    private HttpResponse<String> manage(String method, String connectionId, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(gateway.connectionsUrl() + "/@connections/" + connectionId)).header("Authorization", SIGNED);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static APIGatewayV2WebSocketEvent next(BlockingQueue<APIGatewayV2WebSocketEvent> events)
            throws InterruptedException {
        APIGatewayV2WebSocketEvent event = events.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(event, "an event within " + WAIT + " s");
        return event;
    }

    /** A browser: the text messages it receives, whole, and the close code it receives. */
    private static final class Client {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final TextFrames listener = new TextFrames(texts::add, code -> {
            if (code < 0) {
                closed.completeExceptionally(new java.io.IOException("the socket broke"));
            } else {
                closed.complete(code);
            }
        });
        WebSocket socket;
        APIGatewayV2WebSocketEvent connect;

        String id() {
            return connect.getRequestContext().getConnectionId();
        }
    }

    // --- the functions ------------------------------------------------------------------------------

    /** The authorizer and the connections function, as the gateway invokes them. */
    private static final class Functions implements Invoker {
        final AtomicInteger authorizerCalls = new AtomicInteger();
        volatile APIGatewayCustomAuthorizerEvent authorizerEvent;
        volatile int connectStatus = 200;
        final BlockingQueue<APIGatewayV2WebSocketEvent> connects = new LinkedBlockingQueue<>();
        final BlockingQueue<APIGatewayV2WebSocketEvent> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<APIGatewayV2WebSocketEvent> disconnects = new LinkedBlockingQueue<>();
        private final Map<String, BlockingQueue<APIGatewayV2WebSocketEvent>> byType = new ConcurrentHashMap<>(
                Map.of("CONNECT", connects, "MESSAGE", messages, "DISCONNECT", disconnects));

        @Override
        public Object invoke(String function, Object event) {
            return switch (function) {
                case AUTHORIZER -> authorize((APIGatewayCustomAuthorizerEvent) event);
                case CONNECTIONS -> {
                    var e = (APIGatewayV2WebSocketEvent) event;
                    byType.get(e.getRequestContext().getEventType()).add(e);
                    var response = new APIGatewayV2WebSocketResponse();
                    response.setStatusCode(e.getRequestContext().getEventType().equals("CONNECT") ? connectStatus
                            : 200);
                    yield response;
                }
                default -> throw new IllegalArgumentException("no function " + function);
            };
        }

        private IamPolicyResponseV1 authorize(APIGatewayCustomAuthorizerEvent event) {
            authorizerCalls.incrementAndGet();
            authorizerEvent = event;
            String ticket = event.getQueryStringParameters().get("ticket");
            if (ticket.equals("crash")) {
                throw new IllegalStateException("the tickets table is unreachable");
            }
            return IamPolicyResponseV1.builder()
                    .withPrincipalId("agent-1")
                    .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                            .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                            .withStatement(List.of(ticket.equals("good")
                                    ? IamPolicyResponseV1.allowStatement(event.getMethodArn())
                                    : IamPolicyResponseV1.denyStatement(event.getMethodArn())))
                            .build())
                    .withContext(Map.of("tenantId", "tenant-1"))
                    .build();
        }
    }
}
