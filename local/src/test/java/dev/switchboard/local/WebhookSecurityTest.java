package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that must be refused, and must leave nothing behind. */
class WebhookSecurityTest {

    private static void assertNothingWritten(String callSid) {
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isEmpty(), "no call record");
        assertTrue(TestStack.repositories().calls().timeline(Demo.ACME, callSid).isEmpty(), "no event log");
        assertEquals(0, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size(), "no event");
        var outbox = TestStack.repositories().dynamo().scan(b -> b.tableName("EventsTable")).items();
        assertFalse(outbox.stream().anyMatch(i -> i.toString().contains(callSid)), "nothing in the outbox");
    }

    @Test
    void aForgedSignatureIs403AndWritesNothing() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        var response = SignedWebhooks.post("/twilio/voice/inbound", params, "not-the-auth-token");
        assertEquals(403, response.status());
        assertTrue(response.body().contains("X-Twilio-Signature does not match"), response.body());
        assertFalse(response.body().contains(Demo.ACME_TOKEN));
        assertNothingWritten(callSid);
    }

    @Test
    void anotherTenantsTokenCannotSpeakForThisAccount() {
        String callSid = Demo.newCallSid();
        var response = SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.GLOBEX_TOKEN);
        assertEquals(403, response.status());
        assertNothingWritten(callSid);
    }

    @Test
    void aParameterChangedAfterSigningIs403() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.PUBLIC_URL + "/twilio/voice/inbound", params);
        params.put("To", Demo.VOICEMAIL_NUMBER);
        var response = SignedWebhooks.send("/twilio/voice/inbound", TwilioSigner.form(params),
                Map.of("X-Twilio-Signature", signature));
        assertEquals(403, response.status());
        assertNothingWritten(callSid);
    }

    @Test
    void signedForTheInternalAddressInsteadOfThePublicUrlIs403() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.get().baseUrl() + "/twilio/voice/inbound", params);
        var response = SignedWebhooks.send("/twilio/voice/inbound", TwilioSigner.form(params),
                Map.of("X-Twilio-Signature", signature));
        assertEquals(403, response.status());
    }

    @Test
    void aMissingSignatureOrUnknownAccountIs403() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        assertEquals(403, SignedWebhooks.send("/twilio/voice/inbound", TwilioSigner.form(params), Map.of()).status());
        params.put("AccountSid", "AC99999999999999999999999999999999");
        var unknown = SignedWebhooks.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN);
        assertEquals(403, unknown.status());
        assertNothingWritten(callSid);
    }

    @Test
    void aForgedSignatureTellsNothingAboutWhetherTheAccountIsConnected() {
        var connected = SignedWebhooks.voiceParams(Demo.newCallSid(), Demo.FORWARD_NUMBER, "ringing");
        var unknown = new java.util.LinkedHashMap<>(connected);
        unknown.put("AccountSid", "AC99999999999999999999999999999999");
        var toConnected = SignedWebhooks.post("/twilio/voice/inbound", connected, "not-the-token-of-the-account-xx");
        var toUnknown = SignedWebhooks.post("/twilio/voice/inbound", unknown, "not-the-token-of-the-account-xx");
        assertEquals(403, toConnected.status());
        assertEquals(403, toUnknown.status());
        assertEquals(toConnected.body().replace(Demo.ACME_ACCOUNT, "AC…"),
                toUnknown.body().replace("AC99999999999999999999999999999999", "AC…"), "the same answer");
        assertFalse(toUnknown.body().contains("Unknown"), toUnknown.body());
    }

    @Test
    void aMalformedBodyIs400WithAReason() {
        var response = SignedWebhooks.send("/twilio/voice/inbound", "AccountSid=AC%zz&CallSid=CA1",
                Map.of("X-Twilio-Signature", "x"));
        assertEquals(400, response.status());
        assertEquals("Malformed form body: bad percent-encoding", response.body());
    }

    @Test
    void aSignedRequestMissingARequiredParameterIs400NamingIt() {
        Map<String, String> params = new LinkedHashMap<>(SignedWebhooks.voiceParams("CA0", Demo.FORWARD_NUMBER, "ringing"));
        params.remove("CallSid");
        var response = SignedWebhooks.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN);
        assertEquals(400, response.status());
        assertEquals("Missing required parameter CallSid", response.body());

        params.remove("AccountSid");
        var noAccount = SignedWebhooks.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN);
        assertEquals(400, noAccount.status());
        assertEquals("Missing required parameter AccountSid", noAccount.body());
    }

    @Test
    void oversizeOrMisshapenParametersAre400WithNothingStored() {
        String callSid = Demo.newCallSid();
        var huge = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        huge.put("CallerName", "x".repeat(400 * 1024));
        var response = SignedWebhooks.post("/twilio/voice/inbound", huge, Demo.ACME_TOKEN);
        assertEquals(400, response.status());
        assertEquals("Webhook body is over 64 KB", response.body());

        var longTo = SignedWebhooks.voiceParams(callSid, "+1" + "5".repeat(2100), "ringing");
        var toResponse = SignedWebhooks.post("/twilio/voice/inbound", longTo, Demo.ACME_TOKEN);
        assertEquals(400, toResponse.status());
        assertTrue(toResponse.body().startsWith("Parameter Called is over") || toResponse.body().startsWith("Parameter To is over"),
                toResponse.body());
        assertNothingWritten(callSid);

        String longSid = "CA" + "a".repeat(2100);
        for (String path : List.of("/twilio/voice/inbound", "/twilio/voice/status", "/twilio/voice/dial-complete")) {
            var params = SignedWebhooks.voiceParams(longSid, Demo.FORWARD_NUMBER, "completed");
            params.put("DialCallStatus", "completed");
            var sid = SignedWebhooks.post(path, params, Demo.ACME_TOKEN);
            assertEquals(400, sid.status(), path + ": " + sid.body());
        }
        var badShape = SignedWebhooks.voiceParams("CA-not-a-sid", Demo.FORWARD_NUMBER, "ringing");
        assertEquals("CallSid is not a Twilio Call SID",
                SignedWebhooks.post("/twilio/voice/inbound", badShape, Demo.ACME_TOKEN).body());
    }

    @Test
    void anUnknownRouteIs404() {
        assertEquals(404, SignedWebhooks.send("/twilio/voice/nowhere", "", Map.of()).status());
    }
}
