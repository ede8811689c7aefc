package dev.switchboard.local;

import com.standardwebhooks.Webhook;
import dev.switchboard.shared.delivery.EndpointSecret;
import dev.switchboard.shared.delivery.EndpointSecrets;
import dev.switchboard.shared.delivery.WebhookSigner;
import dev.switchboard.shared.delivery.DeliveryWiring;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's webhook endpoints over the management API: secrets shown once, URLs checked, tenants apart. */
class WebhookEndpointsApiTest {
    private static final String ALL = "/v1/tenants/{tenantId}/webhook-endpoints";
    private static final String ONE = ALL + "/{endpointId}";
    private static String tenant;
    private static String key;

    @BeforeAll
    static void tenant() {
        tenant = "hooks-" + Long.toHexString(System.nanoTime());
        key = Api.newTenant(tenant);
    }

    private static Map<String, String> at(String... endpointId) {
        Map<String, String> params = new HashMap<>(Map.of("tenantId", tenant));
        if (endpointId.length > 0) {
            params.put("endpointId", endpointId[0]);
        }
        return params;
    }

    private static Api.Response create(Map<String, Object> body) {
        return Api.call("POST", ALL, at(), key, body);
    }

    @Test
    void theSecretIsShownOnceAndSignsWhatTheSpecificationsLibraryAccepts() throws Exception {
        var created = create(Map.of("url", "http://127.0.0.1:9/hooks", "description", "CRM",
                "eventTypes", List.of("call.*", "message.received")));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals("enabled", created.json().path("status").asText());

        var read = Api.call("GET", ONE, at(id), key, null);
        assertEquals(200, read.status());
        assertFalse(read.body().contains(secret.substring(6)), "never shown again");
        var listed = Api.call("GET", ALL, at(), key, null);
        assertFalse(listed.body().contains(secret.substring(6)));
        assertTrue(listed.body().contains(id));

        // What is stored is sealed; opened, it is the secret the tenant was shown, and signs for it.
        var endpoint = new DeliveryWiring(TestStack.repositories().platform()).endpoints().get(tenant, id).orElseThrow();
        assertFalse(endpoint.secret().contains(secret.substring(6)), "sealed at rest");
        var secrets = new EndpointSecrets(TestStack.repositories().sealer());
        byte[] body = "{\"type\":\"call.missed\"}".getBytes(StandardCharsets.UTF_8);
        var headers = WebhookSigner.sign("evt_1", Instant.now().getEpochSecond(), body,
                secrets.signingSecrets(endpoint, Instant.now()));
        new Webhook(secret).verify(new String(body, StandardCharsets.UTF_8), Map.of(
                "webhook-id", List.of(headers.id()), "webhook-timestamp", List.of(headers.timestamp()),
                "webhook-signature", List.of(headers.signature())));
    }

    @Test
    void rotationKeepsThePreviousSecretSigningForTheOverlap() {
        String id = create(Map.of("url", "http://127.0.0.1:9/rotate")).json().path("id").asText();
        var rotated = Api.call("POST", ONE + "/rotate-secret", at(id), key, Map.of("overlapHours", 2));
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = rotated.json().path("secret").asText();
        Instant until = Instant.parse(rotated.json().path("previousSecretUntil").asText());
        assertTrue(until.isAfter(Instant.now().plusSeconds(7000)) && until.isBefore(Instant.now().plusSeconds(7300)));
        var endpoint = new DeliveryWiring(TestStack.repositories().platform()).endpoints().get(tenant, id).orElseThrow();
        var secrets = new EndpointSecrets(TestStack.repositories().sealer());
        List<EndpointSecret> during = secrets.signingSecrets(endpoint, Instant.now());
        assertEquals(2, during.size(), "both sign during the overlap");
        assertEquals(EndpointSecret.parse(fresh), during.getFirst());
        assertEquals(1, secrets.signingSecrets(endpoint, until.plusSeconds(1)).size(), "then the new one alone");
        assertEquals(422, Api.call("POST", ONE + "/rotate-secret", at(id), key, Map.of("overlapHours", 1000)).status());
    }

    @Test
    void urlsThatCouldReachTheDeploymentsOwnNetworkAreRefused() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hooks",
                "https://[::ffff:169.254.169.254]/", "ftp://example.com/", "not a url", "http://192.168.1.10/")) {
            var refused = create(Map.of("url", url));
            assertEquals(422, refused.status(), url + ": " + refused.body());
            assertEquals("url", refused.json().path("error").path("field").asText(), refused.body());
        }
        var badType = create(Map.of("url", "http://127.0.0.1:9/x", "eventTypes", List.of("call*")));
        assertEquals(422, badType.status(), badType.body());
    }

    @Test
    void updatesDisableEnableAndDelete() {
        String id = create(Map.of("url", "http://127.0.0.1:9/life")).json().path("id").asText();
        var updated = Api.call("PATCH", ONE, at(id), key, Map.of("eventTypes", List.of("voicemail.*"),
                "description", "voicemail only"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("voicemail.*", updated.json().path("eventTypes").get(0).asText());
        var disabled = Api.call("POST", ONE + "/disable", at(id), key, null);
        assertEquals("disabled", disabled.json().path("status").asText(), disabled.body());
        var enabled = Api.call("POST", ONE + "/enable", at(id), key, null);
        assertEquals("enabled", enabled.json().path("status").asText(), enabled.body());
        assertEquals(204, Api.call("DELETE", ONE, at(id), key, null).status());
        assertEquals(404, Api.call("GET", ONE, at(id), key, null).status());
        assertEquals(404, Api.call("DELETE", ONE, at(id), key, null).status());
    }

    @Test
    void theTestRouteSendsOneSignedEventTheReceiverVerifies() throws Exception {
        var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        String[] secret = new String[1];
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            int status;
            try {
                new Webhook(secret[0]).verify(body, Map.of("webhook-id", h.get("webhook-id"),
                        "webhook-timestamp", h.get("webhook-timestamp"), "webhook-signature", h.get("webhook-signature")));
                received.add(body);
                status = exchange.getRequestURI().getPath().equals("/broken") ? 500 : 204;
            } catch (Exception e) {
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            var created = create(Map.of("url", base + "/hooks"));
            secret[0] = created.json().path("secret").asText();
            String id = created.json().path("id").asText();
            var tested = Api.call("POST", ONE + "/test", at(id), key, null);
            assertEquals(200, tested.status(), tested.body());
            assertTrue(tested.json().path("delivered").asBoolean(), tested.body());
            assertEquals(204, tested.json().path("status").asInt());
            assertEquals(1, received.size());
            var event = Json.MAPPER.readTree(received.getFirst());
            assertEquals("webhook.test", event.path("type").asText());
            assertEquals(tested.json().path("eventId").asText(), event.path("id").asText());
            assertEquals(tenant, event.path("tenantId").asText());

            assertEquals(200, Api.call("PATCH", ONE, at(id), key, Map.of("url", base + "/broken")).status());
            var failed = Api.call("POST", ONE + "/test", at(id), key, null);
            assertFalse(failed.json().path("delivered").asBoolean(), failed.body());
            assertEquals(500, failed.json().path("status").asInt());
            assertEquals("HTTP 500", failed.json().path("reason").asText());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void twentyEndpointsATenantHoweverManyRequestsRace() throws Exception {
        String busy = "hooks-many-" + Long.toHexString(System.nanoTime());
        String busyKey = Api.newTenant(busy);
        var params = Map.of("tenantId", busy);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Api.Response>>();
            for (int i = 0; i < 25; i++) {
                answers.add(pool.submit(() -> Api.call("POST", ALL, params, busyKey,
                        Map.of("url", "http://127.0.0.1:9/many", "description", " "))));
            }
            for (var answer : answers) {
                int status = answer.get().status();
                assertTrue(status == 201 || status == 409, answer.get().body());
            }
        }
        // Whatever raced, the tenant now fills up to exactly twenty and no further.
        while (Api.call("POST", ALL, params, busyKey, Map.of("url", "http://127.0.0.1:9/more")).status() == 201) {
            assertTrue(Api.call("GET", ALL, params, "?limit=100", busyKey, null).json().path("items").size() <= 20);
        }
        var listed = Api.call("GET", ALL, params, "?limit=100", busyKey, null).json().path("items");
        assertEquals(20, listed.size());
        assertTrue(listed.get(0).path("description").isNull(), "a blank description is none");
        String id = listed.get(0).path("id").asText();
        assertEquals(204, Api.call("DELETE", ONE, Map.of("tenantId", busy, "endpointId", id), busyKey, null).status());
        assertEquals(201, Api.call("POST", ALL, params, busyKey, Map.of("url", "http://127.0.0.1:9/again")).status(),
                "a deleted endpoint frees its place");
    }

    @Test
    void anotherTenantsEndpointIsNotThere() {
        String id = create(Map.of("url", "http://127.0.0.1:9/mine")).json().path("id").asText();
        String other = "hooks-other-" + Long.toHexString(System.nanoTime());
        String otherKey = Api.newTenant(other);
        assertEquals(404, Api.call("GET", ONE, Map.of("tenantId", other, "endpointId", id), otherKey, null).status());
        assertEquals(404, Api.call("GET", ONE, at(id), otherKey, null).status(), "no tenant learns another's ids");
        assertEquals(404, Api.call("DELETE", ONE, Map.of("tenantId", other, "endpointId", id), otherKey, null).status());
        assertEquals(200, Api.call("GET", ONE, at(id), key, null).status(), "still the owner's");
    }
}
