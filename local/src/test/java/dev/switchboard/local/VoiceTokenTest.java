package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.tenancy.TwilioAccount;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access tokens for agents' browsers, checked as Twilio would check them. */
class VoiceTokenTest {

    private static JsonNode part(String jwt, int index) throws Exception {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void aTokenGrantsTheAgentsIdentityTheTenantsTwimlAppAndIncomingCalls() throws Exception {
        String tenant = "tok-" + Long.toHexString(System.nanoTime());
        String key = Api.newTenant(tenant);
        String accountSid = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        Map<String, String> at = Map.of("tenantId", tenant);
        Map<String, String> agent = Map.of("tenantId", tenant, "agentId", "alice");
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                Map.of("id", "alice", "name", "Alice")).status());
        assertEquals(409, Api.call("POST", "/v1/tenants/{tenantId}/agents/{agentId}/voice-token", agent, key, null)
                .status(), "no token before Twilio is connected");
        var connected = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, key,
                Map.of("accountSid", accountSid, "authToken", token)).json();

        var issued = Api.call("POST", "/v1/tenants/{tenantId}/agents/{agentId}/voice-token", agent, key,
                Map.of("ttlSeconds", 600));
        assertEquals(201, issued.status(), issued.body());
        String jwt = issued.json().path("token").asText();
        JsonNode header = part(jwt, 0);
        JsonNode claims = part(jwt, 1);
        assertEquals("HS256", header.path("alg").asText());
        assertEquals("twilio-fpa;v=1", header.path("cty").asText());
        assertEquals(connected.path("apiKeySid").asText(), claims.path("iss").asText());
        assertEquals(accountSid, claims.path("sub").asText());
        long expiresAt = java.time.Instant.parse(issued.json().path("expiresAt").asText()).getEpochSecond();
        assertTrue(Math.abs(claims.path("exp").asLong() - expiresAt) <= 1, "expiresAt is the token's own expiry");
        assertTrue(Math.abs(expiresAt - java.time.Instant.now().plusSeconds(600).getEpochSecond()) <= 5);
        JsonNode grants = claims.path("grants");
        assertEquals(tenant.replace('-', '_') + "_alice", grants.path("identity").asText());
        assertEquals(connected.path("twimlAppSid").asText(),
                grants.path("voice").path("outgoing").path("application_sid").asText());
        assertTrue(grants.path("voice").path("incoming").path("allow").asBoolean());

        var stored = TestStack.repositories().accounts().get(accountSid).orElseThrow();
        String secret = TestStack.repositories().sealer().open(stored.sealedApiKeySecret(),
                TwilioAccount.apiKeySealingContext(accountSid));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signingInput = jwt.substring(0, jwt.lastIndexOf('.'));
        assertEquals(jwt.substring(jwt.lastIndexOf('.') + 1), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII))),
                "signed with the tenant's API key secret");

        var defaults = Api.call("POST", "/v1/tenants/{tenantId}/agents/{agentId}/voice-token", agent, key, null).json();
        assertEquals(3600, defaults.path("ttlSeconds").asInt());
        assertEquals(422, Api.call("POST", "/v1/tenants/{tenantId}/agents/{agentId}/voice-token", agent, key,
                Map.of("ttlSeconds", 90_000)).status(), "at most 24 hours");
    }
}
