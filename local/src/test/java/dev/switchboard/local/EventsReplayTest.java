package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app that was down reads what it missed: GET /v1/tenants/{tenantId}/events from a cursor. */
class EventsReplayTest {
    private static final String ROUTE = "/v1/tenants/{tenantId}/events";

    private static String acmeKey() {
        return Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "replay")).json().path("key").asText();
    }

    /** Every page from the cursor on, following nextCursor until no more are waiting. */
    private static List<JsonNode> readAll(String key, String query) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            var response = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME),
                    "?limit=50" + query + (cursor == null ? "" : "&after=" + cursor), key, null);
            assertEquals(200, response.status(), response.body());
            response.json().path("items").forEach(events::add);
            cursor = response.json().path("nextCursor").asText();
            if (!response.json().path("hasMore").asBoolean()) {
                return events;
            }
        }
        throw new AssertionError("no end to the pages");
    }

    @Test
    void aTenantsEventsComeOldestFirstPageByPageAndTheLastCursorWaitsForNewOnes() {
        String key = acmeKey();
        String callSid = Demo.newCallSid();
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        for (String status : List.of("in-progress", "completed")) {
            var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, status);
            params.put("SequenceNumber", status.equals("completed") ? "3" : "2");
            assertEquals(200, SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN).status());
        }

        List<JsonNode> all = readAll(key, "&type=call.");
        List<String> ofThisCall = all.stream().filter(e -> e.path("payload").path("callSid").asText().equals(callSid))
                .map(e -> e.path("type").asText() + ":" + e.path("payload").path("status").asText("")).toList();
        assertEquals(List.of("call.started:", "call.status-changed:in-progress", "call.status-changed:completed"),
                ofThisCall);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).path("occurredAt").asText().compareTo(all.get(i).path("occurredAt").asText()) <= 0,
                    "oldest first");
        }
        assertTrue(all.stream().allMatch(e -> e.path("tenantId").asText().equals(Demo.ACME)), "only acme's");

        // The cursor of the last page: nothing new yet, and then exactly what came since.
        var last = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME), "?type=call.&limit=100", key, null);
        String cursor = last.json().path("nextCursor").asText();
        while (last.json().path("hasMore").asBoolean()) {
            last = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME), "?type=call.&limit=100&after=" + cursor, key, null);
            cursor = last.json().path("nextCursor").asText();
        }
        var none = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME), "?after=" + cursor, key, null);
        assertEquals(0, none.json().path("items").size(), none.body());
        String next = Demo.newCallSid();
        SignedWebhooks.post("/twilio/voice/inbound", SignedWebhooks.voiceParams(next, Demo.FORWARD_NUMBER, "ringing"),
                Demo.ACME_TOKEN);
        var since = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME), "?after=" + cursor, key, null);
        assertEquals(1, since.json().path("items").size(), since.body());
        assertEquals(next, since.json().path("items").get(0).path("payload").path("callSid").asText());
    }

    @Test
    void aCursorThisApiDidNotGiveOrABadTypeIs400() {
        String key = acmeKey();
        for (String query : List.of("?after=not-a-cursor", "?after=eyJ0ZW5hbnRJZCI6Imdsb2JleCJ9", "?type=CALL*")) {
            var response = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME), query, key, null);
            assertEquals(400, response.status(), query + ": " + response.body());
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }
}
