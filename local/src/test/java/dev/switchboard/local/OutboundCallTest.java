package dev.switchboard.local;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls from agents' browsers, through the TwiML App's Voice URL. */
class OutboundCallTest {
    private static final String ACME_APP = "AP0000000000000000000000000000ac3e";

    private static Map<String, String> browserCall(String callSid, String from, String to, String applicationSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", Demo.ACME_ACCOUNT);
        params.put("ApiVersion", "2010-04-01");
        params.put("ApplicationSid", applicationSid);
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Called", "");
        params.put("Caller", from);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", to);
        return params;
    }

    private static TwimlDocument place(Map<String, String> params, String token) {
        var response = SignedWebhooks.post("/twilio/voice/outbound", params, token);
        assertEquals(200, response.status(), response.body());
        return TwimlDocument.parse(response.body());
    }

    @Test
    void anAgentDialsAPhoneWithTheirOwnNumberAsCallerId() {
        String callSid = Demo.newCallSid();
        var twiml = place(browserCall(callSid, "client:acme_alice", "+14155550123", ACME_APP), Demo.ACME_TOKEN);
        assertEquals(List.of("Dial"), twiml.verbs());
        assertEquals("+15005550101", twiml.verb("Dial").getAttribute("callerId"), "alice's number");
        assertEquals("record-from-answer-dual", twiml.verb("Dial").getAttribute("record"),
                "recorded, as alice's number records its calls");
        assertEquals("+14155550123", twiml.text("Number"));

        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallDirection.OUTBOUND, call.direction());
        assertEquals("alice", call.agentId());
        assertEquals("+14155550123", call.to());
        var started = EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid);
        assertEquals(1, started.size());
        assertEquals("outbound", started.getFirst().path("payload").path("direction").asText());
    }

    @Test
    void anAgentRingsAnotherAgentsBrowserOfTheSameTenant() {
        var twiml = place(browserCall(Demo.newCallSid(), "client:acme_alice", "client:acme_bob", ACME_APP),
                Demo.ACME_TOKEN);
        assertEquals("acme_bob", twiml.text("Client").trim());
    }

    @Test
    void callsThatAreNotAnAgentOfThisTenantsAppAreRefusedOutLoud() {
        List<Map<String, String>> refused = List.of(
                browserCall(Demo.newCallSid(), "client:globex_hank", "+14155550123", ACME_APP),
                browserCall(Demo.newCallSid(), "client:acme_alice", "client:globex_hank", ACME_APP),
                browserCall(Demo.newCallSid(), "client:acme_alice", "+14155550123", "AP" + "1".repeat(32)),
                browserCall(Demo.newCallSid(), "+14155550199", "+14155550123", ACME_APP),
                browserCall(Demo.newCallSid(), "client:acme_alice", "sip:someone@example.com", ACME_APP));
        for (var params : refused) {
            var twiml = place(params, Demo.ACME_TOKEN);
            assertEquals(List.of("Say", "Hangup"), twiml.verbs(), params.toString());
            assertTrue(TestStack.repositories().calls().get(Demo.ACME, params.get("CallSid")).isEmpty(),
                    "a refused call is not recorded");
        }
    }
}
