package dev.switchboard.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app using the management API over HTTP, every answer checked against docs/openapi.yaml. */
class ManagementApiTest {

    private static String newId(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    @Test
    void theAdminCreatesATenantWhoseFirstKeyWorksAndIsNeverShownAgain() {
        String id = newId("flow");
        var created = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", id, "name", "Flow Inc"));
        assertEquals(201, created.status(), created.body());
        String key = created.json().path("apiKey").path("key").asText();
        assertEquals("Flow Inc", created.json().path("tenant").path("name").asText());

        var tenant = Api.call("GET", "/v1/tenants/{tenantId}", Map.of("tenantId", id), key, null);
        assertEquals(200, tenant.status());
        assertEquals(id, tenant.json().path("id").asText());

        var keys = Api.call("GET", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", id), key, null);
        assertEquals(1, keys.json().path("items").size());
        assertFalse(keys.body().contains(key.substring(key.lastIndexOf('_') + 1)), "the secret is never listed");
        var stored = TestStack.repositories().dynamo().scan(b -> b.tableName("ApiKeysTable")).items().toString();
        assertFalse(stored.contains(key.substring(key.lastIndexOf('_') + 1)), "only a hash is stored");
    }

    @Test
    void tenantCreationRefusesDuplicatesBadIdsUnknownFieldsAndTenantKeys() {
        String id = newId("dup");
        String key = Api.newTenant(id);
        var duplicate = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", id));
        assertEquals(409, duplicate.status());
        var badId = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", "no spaces please"));
        assertEquals(422, badId.status());
        assertEquals("id", badId.json().path("error").path("field").asText());
        var unknown = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", newId("x"), "plan", "gold"));
        assertEquals(400, unknown.status());
        assertEquals("plan", unknown.json().path("error").path("field").asText());
        var wrongType = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", 42));
        assertEquals(400, wrongType.status());
        assertEquals("id", wrongType.json().path("error").path("field").asText());
        var notJson = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), "{not json");
        assertEquals(400, notJson.status());
        assertEquals(403, Api.call("POST", "/v1/tenants", Map.of(), key, Map.of("id", newId("y"))).status());
    }

    @Test
    void oversizeNamesAndBodiesAreRefusedAndNothingIsStored() {
        String tenant = newId("big");
        var hugeName = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", tenant,
                "name", "n".repeat(500 * 1024)));
        assertEquals(400, hugeName.status(), "over the body limit");
        var longName = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", tenant,
                "name", "n".repeat(201)));
        assertEquals(422, longName.status());
        assertEquals("name", longName.json().path("error").path("field").asText());
        assertTrue(TestStack.repositories().tenants().get(tenant).isEmpty());
        String key = Api.newTenant(tenant);
        var agent = Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                Map.of("id", "long", "name", "a".repeat(50 * 1024)));
        assertEquals(422, agent.status(), agent.body());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}",
                Map.of("tenantId", tenant, "agentId", "long"), key, null).status());
    }

    @Test
    void textThatCouldNotLeaveAsAnEventIsRefused() {
        String tenant = newId("txt");
        String key = Api.newTenant(tenant);
        // As JSON escapes, the way a client sends them (an unpaired surrogate cannot even be UTF-8).
        for (String name : List.of("nul\\u0000", "\\ud800 lone", "\\u001b[31mred")) {
            var refused = Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                    "{\"id\":\"odd\",\"name\":\"" + name + "\"}");
            assertEquals(422, refused.status(), refused.body());
            assertEquals("name", refused.json().path("error").path("field").asText());
        }
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                Map.of("id", "jose", "name", "José Müller \uD83D\uDE00")).status(), "any language, any emoji");
        var params = SignedWebhooks.voiceParams(Demo.newCallSid(), Demo.FORWARD_NUMBER, "ringing");
        params.put("CallerName", "bad\u0000name");
        var webhook = SignedWebhooks.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN);
        assertEquals(400, webhook.status(), webhook.body());
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, params.get("CallSid")).isEmpty(), "nothing stored");
    }

    @Test
    void idsNoResourceCanHaveAre400NamingThem() {
        String tenant = newId("ids");
        String key = Api.newTenant(tenant);
        for (int length : List.of(65, 1025, 3000)) {
            String id = "a".repeat(length);
            Map<String, Map<String, String>> routes = new java.util.LinkedHashMap<>();
            routes.put("GET /v1/tenants/{tenantId}/agents/{agentId}", Map.of("tenantId", tenant, "agentId", id));
            routes.put("PATCH /v1/tenants/{tenantId}/agents/{agentId}", Map.of("tenantId", tenant, "agentId", id));
            routes.put("GET /v1/tenants/{tenantId}/calls/{callSid}", Map.of("tenantId", tenant, "callSid", "CA" + id));
            routes.put("GET /v1/tenants/{tenantId}/numbers/{phoneNumber}", Map.of("tenantId", tenant, "phoneNumber", "+1" + "5".repeat(length)));
            routes.put("DELETE /v1/tenants/{tenantId}/api-keys/{keyId}", Map.of("tenantId", tenant, "keyId", id));
            routes.put("GET /v1/tenants/{tenantId}", Map.of("tenantId", id));
            routes.forEach((route, params) -> {
                String[] parts = route.split(" ", 2);
                var response = Api.call(parts[0], parts[1], params, Api.adminKey(),
                        parts[0].equals("PATCH") ? Map.of("name", "x") : null);
                assertEquals(400, response.status(), route + " " + length + ": " + response.body());
                String field = response.json().path("error").path("field").asText();
                assertTrue(params.containsKey(field), route + " names " + field);
            });
        }
    }

    @Test
    void editedCursorsAndImpossibleWindowsAre400() {
        String tenant = newId("cur");
        String key = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        List<String> forged = List.of(
                encoder.encodeToString("{\"tenantId\":\"globex\",\"agentId\":\"hank\"}".getBytes()),
                encoder.encodeToString(("{\"tenantId\":\"" + tenant + "\",\"nope\":\"x\"}").getBytes()),
                encoder.encodeToString(("{\"tenantId\":\"" + tenant + "\",\"agentId\":\"" + "a".repeat(3000)
                        + "\"}").getBytes()),
                encoder.encodeToString("[]".getBytes()), "not base64 at all!", "x".repeat(5000));
        for (String path : List.of("/v1/tenants/{tenantId}/agents", "/v1/tenants/{tenantId}/numbers",
                "/v1/tenants/{tenantId}/calls", "/v1/tenants/{tenantId}/api-keys")) {
            for (String cursor : forged) {
                var response = Api.call("GET", path, at, "?cursor=" + java.net.URLEncoder.encode(cursor,
                        java.nio.charset.StandardCharsets.UTF_8), key, null);
                assertEquals(400, response.status(), path + " " + cursor + ": " + response.body());
                assertEquals("cursor", response.json().path("error").path("field").asText());
            }
        }
        // A genuine cursor opens only the list, tenant and query it was issued for, and only as issued.
        for (String id : List.of("ann", "bob", "cy")) {
            assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                    Map.of("id", id, "name", id)).status());
        }
        String genuine = Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?limit=1", key, null)
                .json().path("nextCursor").asText();
        assertEquals(200, Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?cursor=" + genuine, key, null).status());
        String other = newId("cur");
        String otherKey = Api.newTenant(other);
        String position = genuine.substring(0, genuine.indexOf('.'));
        String mac = genuine.substring(genuine.indexOf('.') + 1);
        var decoder = java.util.Base64.getUrlDecoder();
        String storeCursor = new String(decoder.decode(position));
        String keyJson = new String(decoder.decode(storeCursor));
        assertTrue(keyJson.contains("\"ann\""), keyJson);
        String edited = encoder.encodeToString(encoder.encodeToString(keyJson.replace("\"ann\"", "\"bob\"")
                .getBytes()).getBytes()) + "." + mac;
        String flipped = position + "." + (mac.charAt(0) == 'A' ? 'B' : 'A') + mac.substring(1);
        assertEquals(400, Api.call("GET", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", other),
                "?cursor=" + genuine, otherKey, null).status(), "another tenant's cursor");
        assertEquals(400, Api.call("GET", "/v1/tenants/{tenantId}/numbers", at, "?cursor=" + genuine, key, null)
                .status(), "another list's cursor");
        for (String bad : List.of(edited, flipped, position, genuine + "." + mac)) {
            var response = Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?cursor=" + bad, key, null);
            assertEquals(400, response.status(), bad + ": " + response.body());
            assertEquals("cursor", response.json().path("error").path("field").asText());
        }
        // Pages are bounded: more than 100 is 422 naming the limit; what is not a count is 400.
        for (String path : List.of("/v1/tenants/{tenantId}/agents", "/v1/tenants/{tenantId}/calls",
                "/v1/tenants/{tenantId}/events")) {
            var tooMany = Api.call("GET", path, at, "?limit=101", key, null);
            assertEquals(422, tooMany.status(), tooMany.body());
            assertEquals("limit", tooMany.json().path("error").path("field").asText());
            assertTrue(tooMany.json().path("error").path("message").asText().contains("100"));
            assertEquals(400, Api.call("GET", path, at, "?limit=0", key, null).status());
            assertEquals(400, Api.call("GET", path, at, "?limit=ten", key, null).status());
        }
        var window = Api.call("GET", "/v1/tenants/{tenantId}/calls", at,
                "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", key, null);
        assertEquals(400, window.status(), window.body());
        assertEquals("from", window.json().path("error").path("field").asText());
    }

    @Test
    void twoAgentsOfATenantCannotShareABrowserIdentity() {
        String tenant = newId("ident");
        String key = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "ann", "name", "Ann", "clientIdentity", "front_desk")).status());
        var clash = Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "ben", "name", "Ben", "clientIdentity", "front_desk"));
        assertEquals(409, clash.status(), clash.body());
        assertTrue(clash.json().path("error").path("message").asText().contains("front_desk"), clash.body());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}",
                Map.of("tenantId", tenant, "agentId", "ben"), key, null).status(), "nothing half-written");
        var listed = Api.call("GET", "/v1/tenants/{tenantId}/agents", at, key, null).json().path("items");
        assertEquals(1, listed.size(), listed.toString());
        // Deleting the agent frees the identity.
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}",
                Map.of("tenantId", tenant, "agentId", "ann"), key, null).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "ben", "name", "Ben", "clientIdentity", "front_desk")).status());
    }

    /** A delete racing a burst of changes: when the delete answered 204 the agent is gone for good. */
    @Test
    void anAgentDeletedWhileBeingChangedStaysDeleted() throws Exception {
        String tenant = newId("race");
        String key = Api.newTenant(tenant);
        for (int round = 0; round < 5; round++) {
            String agentId = "agent" + round;
            Map<String, String> at = Map.of("tenantId", tenant, "agentId", agentId);
            assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                    Map.of("id", agentId, "name", "Agent")).status());
            List<java.util.concurrent.Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "Agent " + i;
                requests.add(() -> Api.call("PATCH", "/v1/tenants/{tenantId}/agents/{agentId}", at, key,
                        Map.of("name", name)).status());
            }
            requests.add(6, () -> Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", at, key, null).status());
            List<Integer> statuses = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (var result : pool.invokeAll(requests)) {
                    statuses.add(result.get());
                }
            }
            assertEquals(204, statuses.get(6), "the delete: " + statuses);
            statuses.stream().filter(st -> st != 204)
                    .forEach(st -> assertTrue(st == 200 || st == 404 || st == 409, "a change: " + statuses));
            assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}", at, key, null).status(),
                    "round " + round + ": deleted, so gone: " + statuses);
        }
    }

    @Test
    void aRequestWithoutAnApiKeyGetsTheDocumentedErrorShape() {
        var response = Api.call("GET", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", Demo.ACME), null, null);
        assertEquals(401, response.status(), response.body());
        assertEquals("unauthorized", response.json().path("error").path("code").asText(), response.body());
    }

    @Test
    void aBodyWithADuplicateKeyOrTrailingTextIs400AndCreatesNothing() {
        String first = newId("twice");
        String second = newId("twice");
        var duplicate = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(),
                "{\"id\":\"" + first + "\",\"id\":\"" + second + "\"}");
        assertEquals(400, duplicate.status(), duplicate.body());
        assertEquals("The body has a duplicate key 'id'", duplicate.json().path("error").path("message").asText());
        String third = newId("trail");
        var trailing = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(),
                "{\"id\":\"" + third + "\"} {\"id\":\"other\"}");
        assertEquals(400, trailing.status(), trailing.body());
        assertEquals("The body has text after its JSON value", trailing.json().path("error").path("message").asText());
        for (String id : List.of(first, second, third)) {
            assertTrue(TestStack.repositories().tenants().get(id).isEmpty(), id + " was not created");
        }
    }

    @Test
    void agentsAreCreatedListedPagedChangedAndDeleted() {
        String tenant = newId("agents");
        String key = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        var alice = Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "alice", "name", "Alice", "phone", "+15005550181"));
        assertEquals(201, alice.status(), alice.body());
        assertEquals(tenant.replace('-', '_') + "_alice", alice.json().path("clientIdentity").asText());
        for (String id : List.of("bob", "carol")) {
            assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                    Map.of("id", id, "name", id)).status());
        }
        assertEquals(409, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "alice", "name", "Alice again")).status());
        var badPhone = Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "dave", "name", "Dave", "phone", "555-0100"));
        assertEquals(422, badPhone.status());
        assertEquals("phone", badPhone.json().path("error").path("field").asText());
        var badIdentity = Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "erin", "name", "Erin", "clientIdentity", "erin smith"));
        assertEquals(422, badIdentity.status());
        assertEquals("clientIdentity", badIdentity.json().path("error").path("field").asText());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = Api.call("GET", "/v1/tenants/{tenantId}/agents", at,
                    "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), key, null).json();
            page.path("items").forEach(a -> seen.add(a.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertEquals(List.of("alice", "bob", "carol"), seen);
        assertEquals(400, Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?cursor=garbage", key, null).status());
        assertEquals(422, Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?limit=1000", key, null).status(),
                "a page holds at most 100");

        Map<String, String> aliceAt = Map.of("tenantId", tenant, "agentId", "alice");
        Map<String, Object> removePhone = new HashMap<>();
        removePhone.put("phone", null);
        var changed = Api.call("PATCH", "/v1/tenants/{tenantId}/agents/{agentId}", aliceAt, key, removePhone);
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.json().path("phone").isNull());
        assertEquals(400, Api.call("PATCH", "/v1/tenants/{tenantId}/agents/{agentId}", aliceAt, key,
                Map.of("clientIdentity", "x")).status(), "the browser identity cannot change under registered devices");
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", aliceAt, key, null).status());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}", aliceAt, key, null).status());
        assertEquals(404, Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", aliceAt, key, null).status());
    }

    @Test
    void aRevokedKeyStopsWorkingOnItsNextRequestAndOthersGoOn() {
        String tenant = newId("keys");
        String first = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        var second = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", at, first, Map.of("name", "ci"));
        assertEquals(201, second.status());
        assertEquals("ci", second.json().path("name").asText());
        String secondKey = second.json().path("key").asText();
        assertNotEquals(first, secondKey);
        assertEquals(200, Api.call("GET", "/v1/tenants/{tenantId}", at, secondKey, null).status());
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/api-keys/{keyId}",
                Map.of("tenantId", tenant, "keyId", second.json().path("id").asText()), first, null).status());
        assertEquals(401, Api.call("GET", "/v1/tenants/{tenantId}", at, secondKey, null).status());
        assertEquals(200, Api.call("GET", "/v1/tenants/{tenantId}", at, first, null).status());
        var listed = Api.call("GET", "/v1/tenants/{tenantId}/api-keys", at, first, null).json().path("items");
        assertEquals(2, listed.size());
    }

    @Test
    void callsAppearWithTheirEventLogAndFilters() {
        String acmeKey = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME),
                Api.adminKey(), null).json().path("key").asText();
        String callSid = Demo.newCallSid();
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.CLIENT_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        var answered = SignedWebhooks.voiceParams(callSid, Demo.CLIENT_NUMBER, "in-progress");
        answered.put("SequenceNumber", "2");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/status", answered, Demo.ACME_TOKEN).status());

        Map<String, String> at = Map.of("tenantId", Demo.ACME);
        var newest = Api.call("GET", "/v1/tenants/{tenantId}/calls", at, "?limit=5", acmeKey, null).json();
        assertEquals(callSid, newest.path("items").get(0).path("callSid").asText(), "newest first");
        var filtered = Api.call("GET", "/v1/tenants/{tenantId}/calls", at,
                "?agentId=bob&number=%2B15005550102&status=in-progress&direction=inbound&limit=100", acmeKey, null).json();
        assertTrue(filtered.path("items").findValuesAsText("callSid").contains(callSid), filtered.toString());
        var outbound = Api.call("GET", "/v1/tenants/{tenantId}/calls", at, "?direction=outbound", acmeKey, null).json();
        assertFalse(outbound.path("items").findValuesAsText("callSid").contains(callSid));
        assertEquals(400, Api.call("GET", "/v1/tenants/{tenantId}/calls", at, "?from=yesterday", acmeKey, null).status());

        var call = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}", Map.of("tenantId", Demo.ACME,
                "callSid", callSid), acmeKey, null).json();
        assertEquals("in-progress", call.path("status").asText());
        assertEquals("client", call.path("routing").asText());
        assertEquals(List.of("status", "inbound"), call.path("events").findValuesAsText("kind"),
                "the sequenced callback first, then the unsequenced webhook");

        String otherKey = Api.newTenant(newId("nosy"));
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), otherKey, null).status());
    }
}
