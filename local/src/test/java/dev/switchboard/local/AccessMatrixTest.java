package dev.switchboard.local;

import dev.switchboard.shared.messaging.MessageIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every /v1 route: no key, a bad key and a revoked key are 401; another tenant's key is 404
 * and learns nothing; and none of them changes anything.
 */
class AccessMatrixTest {
    private static String acmeKey;
    private static String spareKeyId;
    private static String revokedKey;
    private static String otherTenantKey;
    private static String callSid;
    private static String messageId;
    private static String conversationId;

    @BeforeAll
    static void tenants() {
        TestStack.get();
        acmeKey = newAcmeKey().path("key").asText();
        spareKeyId = newAcmeKey().path("id").asText();
        var revoked = newAcmeKey();
        revokedKey = revoked.path("key").asText();
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/api-keys/{keyId}",
                Map.of("tenantId", Demo.ACME, "keyId", revoked.path("id").asText()), acmeKey, null).status());
        otherTenantKey = Api.newTenant("matrix-" + Long.toHexString(System.nanoTime()));
        callSid = Demo.newCallSid();
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        // A message of acme's, in its conversation: what the messaging routes are asked about.
        String messageSid = "SM" + Demo.newCallSid().substring(2);
        assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", Map.of("AccountSid", Demo.ACME_ACCOUNT,
                "MessageSid", messageSid, "From", Demo.CALLER, "To", Demo.FORWARD_NUMBER, "Body", "Private",
                "NumMedia", "0"), Demo.ACME_TOKEN).status());
        messageId = MessageIds.inboundId(Demo.ACME, messageSid);
        conversationId = MessageIds.conversationId(Demo.ACME, Demo.FORWARD_NUMBER, Demo.CALLER);
    }

    private static com.fasterxml.jackson.databind.JsonNode newAcmeKey() {
        var key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "matrix"));
        assertEquals(201, key.status(), key.body());
        return key.json();
    }

    /** Every /v1 route of template.yaml, as "METHOD /path". */
    private static Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        TestStack.get().template().functions().forEach(f -> f.routes().stream()
                .filter(r -> r.path().startsWith("/v1/"))
                .forEach(r -> routes.add(r.method() + " " + r.path())));
        return routes;
    }

    @Test
    void theDocumentDescribesEveryRouteAndNoOther() {
        assertEquals(templateRoutes(), OpenApiContract.routes());
    }

    @Test
    void everyRouteIsBehindTheAuthorizer() {
        TestStack.get().template().functions().forEach(f -> f.routes().stream()
                .filter(r -> r.path().startsWith("/v1/"))
                .forEach(r -> assertEquals("ApiKeyAuthorizer", r.authorizer(), r.method() + " " + r.path())));
    }

    private static Object body(String route) {
        return switch (route) {
            case "POST /v1/tenants" -> Map.of("id", "matrix-intruder");
            case "POST /v1/tenants/{tenantId}/agents" -> Map.of("id", "intruder", "name", "Intruder");
            case "PATCH /v1/tenants/{tenantId}/agents/{agentId}" -> Map.of("name", "Taken over");
            case "POST /v1/tenants/{tenantId}/api-keys" -> Map.of("name", "intruder");
            case "POST /v1/tenants/{tenantId}/agents/{agentId}/voice-token" -> Map.of("ttlSeconds", 600);
            case "POST /v1/tenants/{tenantId}/calls" -> Map.of("to", "+14155550100", "message", "Hello");
            case "POST /v1/tenants/{tenantId}/numbers/purchase" -> Map.of("phoneNumber", "+14155550188",
                    "routing", Map.of("mode", "voicemail"));
            case "POST /v1/tenants/{tenantId}/numbers" -> Map.of("phoneNumber", Demo.VOICEMAIL_NUMBER,
                    "routing", Map.of("mode", "voicemail"));
            case "PATCH /v1/tenants/{tenantId}/voicemails/{callSid}" -> Map.of("status", "archived");
            case "POST /v1/tenants/{tenantId}/messages" -> Map.of("from", Demo.FORWARD_NUMBER, "to", Demo.CALLER,
                    "body", "Sent in acme's name");
            case "PATCH /v1/tenants/{tenantId}/numbers/{phoneNumber}" -> Map.of("routing",
                    Map.of("mode", "greeting", "greeting", "Hijacked"));
            case "PUT /v1/tenants/{tenantId}/twilio" -> Map.of("accountSid", Demo.GLOBEX_ACCOUNT,
                    "authToken", Demo.GLOBEX_TOKEN);
            case "PUT /v1/tenants/{tenantId}/flows/{flowId}", "POST /v1/tenants/{tenantId}/flows" -> Map.of("id", "stolen",
                    "name", "Taken over", "start", "bye", "nodes", Map.of("bye", Map.of("type", "hangup")));
            case "PUT /v1/tenants/{tenantId}/schedules/{scheduleId}/emergency" -> Map.of("message", "Closed by an intruder");
            default -> null;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRefusesWhoeverMayNotUseIt() {
        Map<String, String> params = Map.ofEntries(Map.entry("tenantId", Demo.ACME), Map.entry("agentId", "alice"),
                Map.entry("keyId", spareKeyId), Map.entry("callSid", callSid), Map.entry("phoneNumber", Demo.VOICEMAIL_NUMBER),
                Map.entry("messageId", messageId), Map.entry("conversationId", conversationId),
                Map.entry("endpointId", "we_" + "0".repeat(24)), Map.entry("sessionId", spareKeyId),
                Map.entry("flowId", "main-line"), Map.entry("scheduleId", "office"));
        Map<String, String> badKeys = new LinkedHashMap<>();
        badKeys.put("no key", null);
        badKeys.put("a key of the right form that does not exist", "sbk_0123456789abcdef_" + "0".repeat(64));
        badKeys.put("a malformed key", "let-me-in");
        badKeys.put("a wrong admin key", "sba_" + "0".repeat(64));
        badKeys.put("a revoked key", revokedKey);
        badKeys.put("a console session of the right form that does not exist", "sbs_0123456789abcdef_" + "0".repeat(64));
        return templateRoutes().stream().map(route -> DynamicTest.dynamicTest(route, () -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            badKeys.forEach((what, key) -> {
                var response = Api.call(method, path, params, key, body(route));
                assertEquals(401, response.status(), what + ": " + response.body());
            });
            var other = Api.call(method, path, params, otherTenantKey, body(route));
            int expected = route.equals("POST /v1/tenants") ? 403 : 404;
            assertEquals(expected, other.status(), "another tenant's key: " + other.body());
            assertEquals(Set.of("error"), other.json().properties().stream().map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet()), other.body());
            assertFalse(other.body().contains("Alice") || other.body().contains("+1500")
                    || other.body().contains("Private"), other.body());
        }));
    }

    @Test
    void refusedRequestsChangedNothing() {
        // Runs in any order relative to the matrix: when it runs first there is nothing to see,
        // so it refuses the writes here too before checking.
        var params = Map.of("tenantId", Demo.ACME, "agentId", "alice", "keyId", spareKeyId);
        Api.call("PATCH", "/v1/tenants/{tenantId}/agents/{agentId}", params, otherTenantKey, Map.of("name", "X"));
        Api.call("DELETE", "/v1/tenants/{tenantId}/api-keys/{keyId}", params, revokedKey, null);
        Api.call("POST", "/v1/tenants/{tenantId}/agents", params, otherTenantKey, Map.of("id", "intruder", "name", "I"));
        var alice = Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}", params, acmeKey, null);
        assertEquals("Alice Ng", alice.json().path("name").asText());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}",
                Map.of("tenantId", Demo.ACME, "agentId", "intruder"), acmeKey, null).status());
        var keys = Api.call("GET", "/v1/tenants/{tenantId}/api-keys", params, "?limit=100", acmeKey, null).json();
        keys.path("items").forEach(k -> {
            if (k.path("id").asText().equals(spareKeyId)) {
                assertTrue(k.path("revokedAt").isNull(), "the spare key is still live");
            }
        });
        assertFalse(Api.call("GET", "/v1/tenants/{tenantId}", Map.of("tenantId", "matrix-intruder"), Api.adminKey(),
                null).status() == 200, "no tenant was created by a tenant key");
    }
}
