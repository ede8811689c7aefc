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

        List<JsonNode> all = readUntil(key, null, "&type=call.", read -> ofCall(read, callSid).size() == 3);
        List<String> ofThisCall = ofCall(all, callSid);
        assertEquals(List.of("call.started:", "call.status-changed:in-progress", "call.status-changed:completed"),
                ofThisCall);
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
        // Listed once it has settled (EVENTS_SETTLE_SECONDS): until then the cursor stays put.
        List<JsonNode> since = readUntil(key, cursor, "", items -> !items.isEmpty());
        assertEquals(1, since.size(), since.toString());
        assertEquals(next, since.get(0).path("payload").path("callSid").asText());
    }

    @Test
    void aTypeFilterFillsItsPageFromFurtherOnRatherThanAnsweringEmptyPages() {
        String key = acmeKey();
        String cursor = endCursor(key);
        String first = Demo.newCallSid();
        String last = Demo.newCallSid();
        SignedWebhooks.post("/twilio/voice/inbound", SignedWebhooks.voiceParams(first, Demo.FORWARD_NUMBER, "ringing"),
                Demo.ACME_TOKEN);
        // 150 events of another type between the two that are asked for.
        for (int i = 0; i < 150; i++) {
            var params = SignedWebhooks.voiceParams(Demo.newCallSid(), Demo.FORWARD_NUMBER, "completed");
            params.put("SequenceNumber", "3");
            assertEquals(200, SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN).status());
        }
        SignedWebhooks.post("/twilio/voice/inbound", SignedWebhooks.voiceParams(last, Demo.FORWARD_NUMBER, "ringing"),
                Demo.ACME_TOKEN);
        readUntil(key, cursor, "", items -> items.stream()
                .anyMatch(e -> e.path("payload").path("callSid").asText().equals(last)));

        // One page holds both, though 150 events of another type lie between them.
        var page = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME),
                "?type=call.started&limit=100&after=" + cursor, key, null);
        List<String> started = new ArrayList<>();
        page.json().path("items").forEach(e -> started.add(e.path("payload").path("callSid").asText()));
        assertTrue(started.contains(first) && started.contains(last), page.body());
        assertTrue(started.indexOf(first) < started.indexOf(last), "oldest first: " + started);
    }

    private static List<String> ofCall(List<JsonNode> events, String callSid) {
        return events.stream().filter(e -> e.path("payload").path("callSid").asText().equals(callSid))
                .map(e -> e.path("type").asText() + ":" + e.path("payload").path("status").asText("")).toList();
    }

    /** The cursor after everything listed so far. */
    private static String endCursor(String key) {
        String cursor = null;
        JsonNode page;
        do {
            page = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME),
                    "?limit=100" + (cursor == null ? "" : "&after=" + cursor), key, null).json();
            cursor = page.path("nextCursor").asText();
        } while (page.path("hasMore").asBoolean());
        return cursor;
    }

    /**
     * Follows nextCursor from {@code cursor}, polling as an app would, until what it has read meets
     * {@code enough} (or 30 s pass); a cursor that moved past an unlisted event would fail it.
     */
    private static List<JsonNode> readUntil(String key, String cursor, String query,
                                            java.util.function.Predicate<List<JsonNode>> enough) {
        List<JsonNode> read = new ArrayList<>();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (!enough.test(read) && java.time.Instant.now().isBefore(deadline)) {
            var response = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME),
                    "?limit=100" + query + (cursor == null ? "" : "&after=" + cursor), key, null);
            assertEquals(200, response.status(), response.body());
            response.json().path("items").forEach(read::add);
            cursor = response.json().path("nextCursor").asText();
            if (!response.json().path("hasMore").asBoolean()) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            }
        }
        assertTrue(enough.test(read), "not listed within 30 s: " + read.size() + " read");
        return read;
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
