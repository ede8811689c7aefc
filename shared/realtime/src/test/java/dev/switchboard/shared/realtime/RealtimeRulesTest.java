package dev.switchboard.shared.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealtimeRulesTest {

    private static JsonNode event(String type, String agentId) {
        return Json.parse("{\"id\":\"evt_1\",\"type\":\"" + type + "\",\"tenantId\":\"acme\","
                + "\"occurredAt\":\"2026-12-07T09:00:00Z\",\"payload\":{\"agentId\":"
                + (agentId == null ? "null" : "\"" + agentId + "\"") + "}}");
    }

    @Test
    void anAgentSeesItsOwnCallsAndTheTeamsMessagesButNotOthersCallsOrAdministration() {
        Audience alice = Audience.of("alice");
        assertTrue(alice.sees(event("call.started", "alice")));
        assertTrue(alice.sees(event("voicemail.received", "alice")));
        assertFalse(alice.sees(event("call.started", "bob")));
        assertFalse(alice.sees(event("call.missed", null)));
        assertTrue(alice.sees(event("message.received", null)));
        assertTrue(alice.sees(event("contact.opted-out", null)));
        assertFalse(alice.sees(event("endpoint.failing", null)));
        assertTrue(Audience.of(null).sees(event("endpoint.failing", null)), "the tenant sees everything");
        assertEquals("", Audience.of("").agentId());
    }

    @Test
    void framesStayUnderApiGatewaysLimit() {
        JsonNode small = event("call.started", "alice");
        assertEquals(small.toString(), Frames.event(small));
        String big = "x".repeat(Frames.MAX_FRAME_BYTES);
        JsonNode large = Json.parse("{\"id\":\"evt_2\",\"type\":\"message.received\",\"tenantId\":\"acme\","
                + "\"occurredAt\":\"2026-12-07T09:00:00Z\",\"payload\":{\"body\":\"" + big + "\"}}");
        JsonNode stub = Json.parse(Frames.event(large));
        assertEquals("evt_2", stub.path("id").asText());
        assertTrue(stub.path("truncated").asBoolean());
        assertTrue(Frames.event(large).length() < Frames.MAX_FRAME_BYTES);
        assertEquals("pong", Json.parse(Frames.control("pong")).path("control").asText());
    }

    @Test
    void aCatchUpReadsBackAsWritten() {
        var catchUp = new CatchUp("acme", "L0SM9cOFvHcCIhw=", "2026-12-07T09:00:00.000000000Z#evt_1",
                Instant.parse("2026-12-07T09:00:01Z"));
        assertEquals(catchUp, CatchUp.read(Json.parse(catchUp.write())));
        assertEquals(null, CatchUp.read(event("call.started", "alice")));
    }
}
