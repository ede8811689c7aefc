package dev.switchboard.local;

import dev.switchboard.shared.apikeys.ApiKeySecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's key exchanged for a console session: hours long, revocable, and never a key itself. */
class ConsoleSessionsTest {
    private static final String SESSIONS = "/v1/tenants/{tenantId}/console/sessions";
    private static String tenant;
    private static String key;

    @BeforeAll
    static void tenant() {
        tenant = "console-" + Long.toHexString(System.nanoTime());
        key = Api.newTenant(tenant);
    }

    private static Map<String, String> at() {
        return Map.of("tenantId", tenant);
    }

    @Test
    void aSessionActsForItsTenantUntilItIsEndedAndCannotMakeKeys() {
        var created = Api.call("POST", SESSIONS, at(), key, Map.of("hours", 2));
        assertEquals(201, created.status(), created.body());
        String session = created.json().path("session").asText();
        assertTrue(session.startsWith("sbs_"), session);
        Instant expires = Instant.parse(created.json().path("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(110))) && expires.isBefore(Instant.now().plus(Duration.ofMinutes(125))));

        assertEquals(200, Api.call("GET", "/v1/tenants/{tenantId}/calls", at(), session, null).status());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/calls", Map.of("tenantId", "acme"), session, null).status(),
                "another tenant's data is not there");
        assertEquals(403, Api.call("POST", "/v1/tenants/{tenantId}/api-keys", at(), session, null).status(),
                "a session makes no keys");
        assertEquals(403, Api.call("POST", SESSIONS, at(), session, null).status(), "nor sessions");
        var keys = Api.call("GET", "/v1/tenants/{tenantId}/api-keys", at(), key, null);
        assertFalse(keys.body().contains(created.json().path("id").asText()), "sessions are not listed as keys");

        String id = created.json().path("id").asText();
        assertEquals(204, Api.call("DELETE", SESSIONS + "/{sessionId}", Map.of("tenantId", tenant, "sessionId", id),
                session, null).status(), "signing out");
        assertEquals(401, Api.call("GET", "/v1/tenants/{tenantId}/calls", at(), session, null).status());
        assertEquals(422, Api.call("POST", SESSIONS, at(), key, Map.of("hours", 48)).status());
        // A key's id is not a session's.
        String keyId = key.substring(4, 20);
        assertEquals(404, Api.call("DELETE", SESSIONS + "/{sessionId}", Map.of("tenantId", tenant, "sessionId", keyId),
                key, null).status());
    }

    @Test
    void anExpiredSessionIsRefusedAndASessionsTokenIsNoKey() {
        var issued = ApiKeySecrets.issueSession(tenant, Instant.now().minus(Duration.ofHours(9)), Duration.ofHours(8));
        TestStack.repositories().apiKeys().create(issued.stored());
        assertEquals(401, Api.call("GET", "/v1/tenants/{tenantId}/calls", at(), issued.key(), null).status());

        var live = Api.call("POST", SESSIONS, at(), key, null).json().path("session").asText();
        // The same id and secret presented as a key's are refused: a session's token opens only a session.
        assertEquals(401, Api.call("GET", "/v1/tenants/{tenantId}/calls", at(), "sbk_" + live.substring(4), null).status());
    }
}
