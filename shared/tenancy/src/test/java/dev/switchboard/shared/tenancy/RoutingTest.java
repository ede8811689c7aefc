package dev.switchboard.shared.tenancy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoutingTest {

    private static String problem(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void refusesRoutingTwilioCouldNotCarryOutNamingTheField() {
        assertEquals("routing.forwardTo must be an E.164 number like +14155550100, got '555-0100'",
                problem(() -> Routing.forward("555-0100")));
        assertEquals("routing.streamUrl must be a wss:// URL (Twilio streams only over TLS), got 'http://ai.example'",
                problem(() -> new Routing(RoutingMode.STREAM, null, false, 0, null, "http://ai.example", false, null)));
        assertEquals("routing.greeting is required in greeting mode",
                problem(() -> new Routing(RoutingMode.GREETING, null, false, 0, " ", null, false, null)));
        assertEquals("routing.timeoutSeconds must be between 5 and 600, got 601",
                problem(() -> new Routing(RoutingMode.FORWARD, "+15005550100", false, 601, null, null, false, null)));
        assertEquals("routing.mode must be one of forward, client, voicemail, stream, greeting, flow, got 'ivr'",
                problem(() -> RoutingMode.fromWire("ivr")));
        assertEquals("routing.flowId is required in flow mode: the id of one of the tenant's flows",
                problem(() -> new Routing(RoutingMode.FLOW, null, false, 0, null, null, false, null, null)));
    }

    @Test
    void clientModeNeedsAnAgent() {
        var routing = new Routing(RoutingMode.CLIENT, null, false, 0, null, null, false, null);
        assertEquals("number.agentId is required in client mode: it names whose browser rings",
                problem(() -> new PhoneNumber("+15005550100", "acme", "AC00000000000000000000000000000001", null, routing)));
    }

    @Test
    void agentsGetASafeClientIdentity() {
        assertEquals("acme_co_alice", new Agent("acme-co", "alice", "Alice", null, null).clientIdentity());
        assertEquals("agent.clientIdentity must be letters, digits and '_' only, got 'alice smith'",
                problem(() -> new Agent("acme", "alice", "Alice", null, "alice smith")));
    }
}
