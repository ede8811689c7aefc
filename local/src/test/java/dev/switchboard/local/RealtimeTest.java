package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.realtime.Audience;
import dev.switchboard.shared.realtime.Connection;
import dev.switchboard.shared.realtime.RealtimeWiring;
import dev.switchboard.shared.realtime.TicketGrant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static dev.switchboard.local.WebhookReceiver.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browsers hear their tenant's events over the local stack's WebSocket API, run as in AWS: the
 * ticket authorizer, the connections function, the push worker and an @connections endpoint.
 */
class RealtimeTest {
    private static final String TICKETS = "/v1/tenants/{tenantId}/realtime/tickets";
    private static final Duration SOON = Duration.ofSeconds(20);

    private static String tenant;
    private static String key;

    @BeforeAll
    static void tenant() {
        tenant = "live-" + Long.toHexString(System.nanoTime());
        key = Api.newTenant(tenant);
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                Map.of("id", "alice", "name", "Alice")).status());
    }

    /** The tenants a test connected for: their $disconnects have run before the next test starts. */
    private final List<String> connected = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void disconnected() {
        var connections = new RealtimeWiring(TestStack.repositories().platform()).connections();
        for (String tenantId : connected) {
            await("every connection of " + tenantId + " gone", SOON, () -> connections.of(tenantId).isEmpty());
        }
    }

    String ticketUrl(String tenantId, String apiKey, String agentId) {
        connected.add(tenantId);
        return issue(tenantId, apiKey, agentId);
    }

    static String issue(String tenantId, String apiKey, String agentId) {
        var issued = Api.call("POST", TICKETS, Map.of("tenantId", tenantId), apiKey,
                agentId == null ? null : Map.of("agentId", agentId));
        assertEquals(201, issued.status(), issued.body());
        return issued.json().path("url").asText();
    }

    static DomainEvent call(String tenantId, String agentId) {
        return WebhookDeliveryTest.commit(tenantId, new EventPayload.CallStarted("CA" + UUID.randomUUID().toString()
                .replace("-", ""), "AC0000000000000000000000000000ac3e", "inbound", "+15005550006", "+15005550001",
                agentId, "forward", "+15005550001"));
    }

    static Set<String> ids(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        // metrics.today frames carry no id: they are snapshots, not events of the log.
        events.stream().filter(e -> e.hasNonNull("id")).forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    /** The status the upgrade was refused with. */
    private static int refusal(String url) {
        var failure = assertThrows(ExecutionException.class, () -> BrowserSocket.connect(url));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        throw new AssertionError("refused for another reason", failure);
    }

    @Test
    void aTicketOpensOneConnectionOnceWithinItsMinute() throws Exception {
        String url = ticketUrl(tenant, key, null);
        assertTrue(url.startsWith(TestStack.get().realtime().url().toString() + "?ticket=rt_"), url);
        try (var socket = BrowserSocket.connect(url)) {
            assertEquals(403, refusal(url), "single-use");
        }
        // A ticket past its minute, and one never issued.
        var tickets = new RealtimeWiring(TestStack.repositories().platform()).tickets();
        String stale = tickets.issue(new TicketGrant(tenant, Audience.of(null)), Instant.now().minusSeconds(61));
        String base = TestStack.get().realtime().url().toString();
        assertEquals(403, refusal(base + "?ticket=" + stale));
        assertEquals(403, refusal(base + "?ticket=rt_never-issued"));
        assertEquals(401, refusal(base));
        // Tickets are asked for with the tenant's key, for its own agents only.
        assertEquals(404, Api.call("POST", TICKETS, Map.of("tenantId", tenant), key, Map.of("agentId", "nobody")).status());
        assertEquals(401, Api.call("POST", TICKETS, Map.of("tenantId", tenant), null, null).status());
        String other = "live-other-" + Long.toHexString(System.nanoTime());
        Api.newTenant(other);
        assertEquals(404, Api.call("POST", TICKETS, Map.of("tenantId", other), key, null).status());
    }

    @Test
    void eachConnectionHearsItsTenantsEventsAndAnAgentOnlyItsOwnCalls() throws Exception {
        String other = "live-apart-" + Long.toHexString(System.nanoTime());
        String otherKey = Api.newTenant(other);
        try (var team = BrowserSocket.connect(ticketUrl(tenant, key, null));
             var alice = BrowserSocket.connect(ticketUrl(tenant, key, "alice"));
             var stranger = BrowserSocket.connect(ticketUrl(other, otherKey, null))) {
            var hers = call(tenant, "alice");
            var bobs = call(tenant, "bob");
            var optOut = WebhookDeliveryTest.commit(tenant, new EventPayload.ContactOptedOut("cv_1", "+15005550001",
                    "+15005550006", "STOP"));
            var theirs = call(other, null);
            await("the team hears all three", SOON, () -> ids(team.events()).containsAll(Set.of(hers.id(), bobs.id(), optOut.id())));
            await("alice hears hers and the team's messages", SOON, () -> ids(alice.events()).containsAll(Set.of(hers.id(), optOut.id())));
            await("the other tenant hears its own", SOON, () -> ids(stranger.events()).contains(theirs.id()));
            TestStack.get().eventSources().drain();
            assertTrue(!ids(alice.events()).contains(bobs.id()), "not another agent's call");
            assertTrue(ids(stranger.events()).equals(Set.of(theirs.id())), "never another tenant's: " + stranger.events());
            assertTrue(stranger.events().stream().allMatch(e -> e.path("tenantId").asText().equals(other)),
                    "no frame of another tenant's, today's figures included: " + stranger.events());
            assertTrue(team.events().stream().noneMatch(e -> e.path("tenantId").asText().equals(other)));
            assertTrue(!ids(team.events()).contains(theirs.id()));
            JsonNode frame = team.events().stream().filter(e -> e.path("id").asText().equals(hers.id())).findFirst().orElseThrow();
            assertEquals("call.started", frame.path("type").asText());
            assertEquals("alice", frame.path("payload").path("agentId").asText());
        }
    }

    @Test
    void aClientSubscribesToTypesAndIsAnsweredWhenItPings() throws Exception {
        try (var socket = BrowserSocket.connect(ticketUrl(tenant, key, null))) {
            socket.send("{\"action\":\"ping\"}");
            await("pong", SOON, () -> !socket.control("pong").isEmpty());
            socket.send("{\"action\":\"subscribe\",\"types\":[\"contact.*\"]}");
            await("subscribed", SOON, () -> !socket.control("subscribed").isEmpty());
            var callEvent = call(tenant, null);
            var optOut = WebhookDeliveryTest.commit(tenant, new EventPayload.ContactOptedOut("cv_2", "+15005550001",
                    "+15005550006", "STOP"));
            await("the subscribed type", SOON, () -> ids(socket.events()).contains(optOut.id()));
            TestStack.get().eventSources().drain();
            assertTrue(!ids(socket.events()).contains(callEvent.id()), "not a type it left out");
            socket.send("{\"action\":\"subscribe\",\"types\":[\"NOT A TYPE\"]}");
            socket.send("not json");
            socket.send("{\"action\":\"launch\"}");
            await("three errors, and still open", SOON, () -> socket.control("error").size() == 3);
            assertTrue(!socket.isClosed());
        }
    }

    @Test
    void aClientResumesFromTheReplayApisCursorAndIsGivenOneItCanReadOnFrom() throws Exception {
        String replay = "/v1/tenants/{tenantId}/events";
        var first = call(tenant, null);
        String[] cursor = new String[1];
        // Once the replay API lists it (after the settle window), its cursor stands after it.
        await("listed by the replay API", Duration.ofSeconds(30), () -> {
            var page = Api.call("GET", replay, Map.of("tenantId", tenant), "?limit=100", key, null).json();
            cursor[0] = page.path("nextCursor").asText();
            return ids(java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false).toList())
                    .contains(first.id());
        });
        var missed1 = call(tenant, null);
        var missed2 = call(tenant, null);
        // Pushed while no browser was connected.
        TestStack.get().eventSources().drain();
        try (var socket = BrowserSocket.connect(ticketUrl(tenant, key, null))) {
            socket.send("{\"action\":\"resume\",\"cursor\":\"" + cursor[0] + "\"}");
            await("what came after the cursor", SOON, () -> ids(socket.events()).containsAll(Set.of(missed1.id(), missed2.id())));
            await("resumed", SOON, () -> !socket.control("resumed").isEmpty());
            assertTrue(!ids(socket.events()).contains(first.id()), "nothing from before the cursor");
            String given = socket.control("resumed").getFirst().path("cursor").asText();
            assertEquals(200, Api.call("GET", replay, Map.of("tenantId", tenant), "?after=" + given, key, null).status(),
                    "the cursor a resume gives is one the replay API takes");
            socket.send("{\"action\":\"resume\",\"cursor\":\"not-a-cursor\"}");
            await("a bad cursor is an error frame", SOON, () -> !socket.control("error").isEmpty());
        }
    }

    @Test
    void aClientForcedOffInTheMiddleOfABurstOfCallsResumesWithoutMissingAnEvent() throws Exception {
        // The demo tenant's greeting number, 200 calls played by the Twilio simulator, 20 at a time.
        var realtime = new RealtimeWiring(TestStack.repositories().platform());
        Instant start = Instant.now();
        Set<String> callSids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<String, JsonNode> received = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> before = new HashSet<>();
        realtime.connections().of(Demo.ACME).forEach(c -> before.add(c.connectionId()));
        var first = BrowserSocket.connect(ticketUrl(Demo.ACME, Api.adminKey(), null));
        Thread burst = Thread.ofVirtual().start(() -> {
            try (var calls = java.util.concurrent.Executors.newFixedThreadPool(20, Thread.ofVirtual().factory())) {
                for (int i = 0; i < 200; i++) {
                    calls.submit(() -> TestStack.twilio().playInbound("+14155550100", "+15005550105", "answered", null,
                            new dev.switchboard.local.twilio.Timeline() {
                                @Override
                                public void step(String line) {
                                    var sid = java.util.regex.Pattern.compile("call (CA[0-9a-f]{32})").matcher(line);
                                    if (sid.find()) {
                                        callSids.add(sid.group(1));
                                    }
                                }

                                @Override
                                public void failure(String line) {
                                    throw new AssertionError(line);
                                }
                            }));
                }
            }
        });
        await("a part of the burst heard", SOON, () -> first.events().stream()
                .filter(e -> callSids.contains(e.path("payload").path("callSid").asText())).count() >= 50);
        // API Gateway drops the connection (its 2-hour limit, a deploy, the network).
        List<Connection> open = realtime.connections().of(Demo.ACME).stream()
                .filter(c -> !before.contains(c.connectionId())).toList();
        assertEquals(1, open.size(), "this browser's connection");
        assertTrue(realtime.connectionsApi().disconnect(open.getFirst().connectionId()));
        await("closed by the server", SOON, first::isClosed);
        first.events().forEach(e -> received.put(e.path("id").asText(), e));
        String lastSeen = first.events().getLast().path("id").asText();

        try (var second = BrowserSocket.connect(ticketUrl(Demo.ACME, Api.adminKey(), null))) {
            second.send("{\"action\":\"resume\",\"lastEventId\":\"" + lastSeen + "\"}");
            var resumes = new java.util.concurrent.atomic.AtomicInteger(1);
            burst.join();
            assertEquals(200, callSids.size(), "every call played");
            Set<String> committed = eventsOf(start, callSids);
            assertTrue(committed.size() >= 400, "a call.started and a status change per call: " + committed.size());
            // As a client should: while a resume says it is not complete, ask on from its cursor.
            await("every event of the burst's calls, once each after de-duplication", Duration.ofSeconds(60), () -> {
                var resumed = second.control("resumed");
                if (resumed.size() == resumes.get() && !resumed.getLast().path("complete").asBoolean()) {
                    resumes.incrementAndGet();
                    second.send("{\"action\":\"resume\",\"cursor\":\"" + resumed.getLast().path("cursor").asText() + "\"}");
                }
                Set<String> all = new HashSet<>(received.keySet());
                all.addAll(ids(second.events()));
                return all.containsAll(committed);
            });
            assertTrue(!second.control("resumed").isEmpty());
        }
    }

    /** The ids of the demo tenant's events since {@code start} about {@code callSids}, as its log reads to now. */
    private static Set<String> eventsOf(Instant start, Set<String> callSids) {
        var log = new dev.switchboard.shared.events.EventsWiring(TestStack.repositories().platform()).liveLog();
        Set<String> ids = new HashSet<>();
        String at = dev.switchboard.shared.events.LogPosition.time(start);
        dev.switchboard.shared.events.EventLog.Page page;
        do {
            page = log.read(Demo.ACME, at, null, 100);
            page.items().stream().filter(e -> callSids.contains(e.path("payload").path("callSid").asText()))
                    .forEach(e -> ids.add(e.path("id").asText()));
            at = page.nextCursor();
        } while (page.hasMore());
        return ids;
    }
}
