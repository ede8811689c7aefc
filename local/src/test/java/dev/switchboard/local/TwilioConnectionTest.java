package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting a tenant's Twilio account, against a fake Twilio REST API over HTTP. */
class TwilioConnectionTest {
    private static final String VOICE_URL = TestStack.PUBLIC_URL + "/twilio/voice/outbound";
    private static final String STATUS_URL = TestStack.PUBLIC_URL + "/twilio/voice/status";

    private record Tenant(String id, String key, String accountSid, String authToken) {
        Map<String, String> at() {
            return Map.of("tenantId", id);
        }

        Api.Response connect(String token) {
            return Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(), key,
                    Map.of("accountSid", accountSid, "authToken", token));
        }
    }

    private static Tenant newTenant() {
        String id = "tw-" + Long.toHexString(System.nanoTime());
        String accountSid = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        return new Tenant(id, Api.newTenant(id), accountSid, token);
    }

    private static List<TwilioSimulator.Recorded> writes(String accountSid) {
        return TestStack.twilio().requestsFor(accountSid).stream().filter(r -> r.method().equals("POST")).toList();
    }

    @Test
    void wrongCredentialsAre422AndNothingIsStored() {
        Tenant tenant = newTenant();
        var refused = tenant.connect("not-the-token");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("authToken", refused.json().path("error").path("field").asText());
        assertTrue(TestStack.repositories().accounts().get(tenant.accountSid()).isEmpty());
        assertTrue(writes(tenant.accountSid()).isEmpty(), "nothing was set up at Twilio");
    }

    @Test
    void connectingProvisionsOnceAndAgainChangesNothing() {
        Tenant tenant = newTenant();
        var first = tenant.connect(tenant.authToken());
        assertEquals(200, first.status(), first.body());
        String appSid = first.json().path("twimlAppSid").asText();
        assertTrue(appSid.startsWith("AP"), first.body());
        assertTrue(first.json().path("apiKeySid").asText().startsWith("SK"));
        assertFalse(first.body().contains(tenant.authToken()), "the token never comes back");
        assertFalse(first.body().contains("secret"), "nor the API key secret");

        var created = writes(tenant.accountSid());
        assertEquals(2, created.size(), "one TwiML App, one API key: " + created);
        var app = created.getFirst();
        assertEquals("/2010-04-01/Accounts/" + tenant.accountSid() + "/Applications.json", app.path());
        assertEquals("Switchboard " + tenant.id(), app.form().get("FriendlyName"));
        assertEquals(VOICE_URL, app.form().get("VoiceUrl"));
        assertEquals("POST", app.form().get("VoiceMethod"));
        assertEquals(STATUS_URL, app.form().get("StatusCallback"));
        assertEquals("/2010-04-01/Accounts/" + tenant.accountSid() + "/Keys.json", created.get(1).path());
        created.forEach(r -> assertEquals(tenant.accountSid(), r.user(), "authenticated as the tenant's own account"));

        var stored = TestStack.repositories().accounts().get(tenant.accountSid()).orElseThrow();
        assertEquals(tenant.id(), stored.tenantId());
        assertEquals(appSid, stored.twimlAppSid());
        assertFalse(stored.sealedAuthToken().contains(tenant.authToken()));
        assertEquals(tenant.authToken(), TestStack.repositories().directory().credentials(tenant.accountSid())
                .orElseThrow().authToken(), "webhooks of this account now validate with its token");

        var again = tenant.connect(tenant.authToken());
        assertEquals(200, again.status(), again.body());
        assertEquals(appSid, again.json().path("twimlAppSid").asText());
        assertEquals(0, again.json().path("changes").size(), again.body());
        assertEquals(2, writes(tenant.accountSid()).size(), "the second run wrote nothing at Twilio");
    }

    @Test
    void healthReportsDriftAndRepairMendsIt() {
        Tenant tenant = newTenant();
        String appSid = tenant.connect(tenant.authToken()).json().path("twimlAppSid").asText();
        var healthy = Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", tenant.at(), tenant.key(), null);
        assertTrue(healthy.json().path("healthy").asBoolean(), healthy.body());

        TestStack.twilio().application(appSid).orElseThrow().put("voice_url", "https://old-backend.example.com/voice");
        var drifted = Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", tenant.at(), tenant.key(), null).json();
        assertFalse(drifted.path("healthy").asBoolean());
        var drift = drifted.path("drift").get(0);
        assertEquals("voiceUrl", drift.path("field").asText());
        assertEquals(VOICE_URL, drift.path("expected").asText());
        assertEquals("https://old-backend.example.com/voice", drift.path("actual").asText());

        var repaired = Api.call("POST", "/v1/tenants/{tenantId}/twilio/repair", tenant.at(), tenant.key(), null).json();
        assertEquals(1, repaired.path("repaired").size(), repaired.toString());
        assertEquals(VOICE_URL, TestStack.twilio().application(appSid).orElseThrow().path("voice_url").asText());
        assertTrue(Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", tenant.at(), tenant.key(), null)
                .json().path("healthy").asBoolean());

        TestStack.twilio().deleteApplication(appSid);
        var recreated = Api.call("POST", "/v1/tenants/{tenantId}/twilio/repair", tenant.at(), tenant.key(), null).json();
        assertFalse(recreated.path("twimlAppSid").asText().equals(appSid), "a deleted app is made anew");
        assertEquals(recreated.path("twimlAppSid").asText(),
                TestStack.repositories().accounts().get(tenant.accountSid()).orElseThrow().twimlAppSid());
    }

    @Test
    void anAccountConnectedToOneTenantCannotBeTakenByAnother() {
        Tenant owner = newTenant();
        assertEquals(200, owner.connect(owner.authToken()).status());
        Tenant other = newTenant();
        var taken = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", other.at(), other.key(),
                Map.of("accountSid", owner.accountSid(), "authToken", owner.authToken()));
        assertEquals(409, taken.status(), taken.body());
        assertEquals(owner.id(), TestStack.repositories().accounts().get(owner.accountSid()).orElseThrow().tenantId());
    }

    @Test
    void healthOfATenantWithoutTwilioIs404() {
        Tenant tenant = newTenant();
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", tenant.at(), tenant.key(), null)
                .status());
    }

    @Test
    void badBodiesAreRefusedBeforeTwilioIsAsked() {
        Tenant tenant = newTenant();
        var badSid = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", tenant.at(), tenant.key(),
                Map.of("accountSid", "AC123", "authToken", "x"));
        assertEquals(422, badSid.status());
        assertEquals("accountSid", badSid.json().path("error").path("field").asText());
        var halfKey = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", tenant.at(), tenant.key(),
                Map.of("accountSid", tenant.accountSid(), "authToken", tenant.authToken(), "apiKeySid", "SK" + "0".repeat(32)));
        assertEquals(422, halfKey.status());
        // A secret too short to sign a voice token (HS256 needs 256 bits) could never work.
        var shortSecret = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", tenant.at(), tenant.key(),
                Map.of("accountSid", tenant.accountSid(), "authToken", tenant.authToken(),
                        "apiKeySid", "SK" + "0".repeat(32), "apiKeySecret", "tooshort"));
        assertEquals(422, shortSecret.status());
        assertEquals("apiKeySecret", shortSecret.json().path("error").path("field").asText());
        assertTrue(TestStack.twilio().requestsFor(tenant.accountSid()).isEmpty());
        assertTrue(TestStack.repositories().accounts().get(tenant.accountSid()).isEmpty(), "nothing stored");
        var longToken = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", tenant.at(), tenant.key(),
                Map.of("accountSid", tenant.accountSid(), "authToken", "t".repeat(129)));
        assertEquals(422, longToken.status(), longToken.body());
        assertEquals("authToken", longToken.json().path("error").path("field").asText());
        // Work per request is bounded: each subaccount is a Twilio round trip, so 25 is refused outright.
        List<Map<String, String>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(Map.of("accountSid", "AC" + String.format("%032x", i), "authToken", "t".repeat(32)));
        }
        var tooMany = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", tenant.at(), tenant.key(),
                Map.of("accountSid", tenant.accountSid(), "authToken", tenant.authToken(), "subaccounts", many));
        assertEquals(422, tooMany.status(), tooMany.body());
        assertEquals("subaccounts", tooMany.json().path("error").path("field").asText());
        assertTrue(tooMany.json().path("error").path("message").asText().contains("20"), tooMany.body());
        assertTrue(TestStack.twilio().requestsFor(tenant.accountSid()).isEmpty(), "Twilio never asked");
    }
}
