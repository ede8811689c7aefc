package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole onboarding, end to end over the local stack: create a tenant, connect Twilio (fake),
 * import a number, route an inbound call by it, place a click-to-call, receive its status
 * callbacks, and find the call in the list with its events.
 */
class ClickToCallTest {
    private String tenant;
    private String key;
    private String accountSid;
    private String token;
    private String number;

    @BeforeEach
    void onboard() {
        tenant = "c2c-" + Long.toHexString(System.nanoTime());
        key = Api.call("POST", "/v1/tenants", Map.of(), Api.adminKey(), Map.of("id", tenant)).json()
                .path("apiKey").path("key").asText();
        accountSid = TwilioSimulator.sid("AC");
        token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        number = "+1628" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(accountSid, number);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(), key,
                Map.of("accountSid", accountSid, "authToken", token)).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at(), key,
                Map.of("id", "sam", "name", "Sam", "phone", "+15005550166")).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key, Map.of("phoneNumber", number,
                "agentId", "sam", "routing", Map.of("mode", "forward", "forwardTo", "+15005550166"))).status());
    }

    private Map<String, String> at() {
        return Map.of("tenantId", tenant);
    }

    private TwilioSimulator.Recorded lastCallRequest() {
        var calls = TestStack.twilio().requestsFor(accountSid).stream()
                .filter(r -> r.path().endsWith("/Calls.json")).toList();
        return calls.getLast();
    }

    @Test
    void fromTenantToFirstCallAndItsHistory() throws Exception {
        // The imported number's inbound calls route by its routing, signed with the new account's token.
        var inbound = SignedWebhooks.voiceParams(Demo.newCallSid(), number, "ringing");
        inbound.put("AccountSid", accountSid);
        var answer = SignedWebhooks.post("/twilio/voice/inbound", inbound, token);
        assertEquals("+15005550166", TwimlDocument.parse(answer.body()).text("Number"));

        var placed = Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "+14155550142", "agentId", "sam", "record", true, "contactId", "crm-42"));
        assertEquals(201, placed.status(), placed.body());
        String callSid = placed.json().path("callSid").asText();

        var sent = lastCallRequest();
        assertEquals(accountSid, sent.user());
        assertEquals("+15005550166", sent.form().get("To"), "the agent's phone rings first");
        assertEquals(number, sent.form().get("From"), "the agent's number is the caller ID");
        var twiml = TwimlDocument.parse(sent.form().get("Twiml"));
        assertEquals("+14155550142", twiml.text("Number"), "then the customer is dialled");
        assertEquals(number, twiml.verb("Dial").getAttribute("callerId"));
        assertEquals("record-from-answer-dual", twiml.verb("Dial").getAttribute("record"));
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/status", sent.form().get("StatusCallback"));
        String raw = URLDecoder.decode(sent.rawForm(), StandardCharsets.UTF_8);
        for (String event : List.of("initiated", "ringing", "answered", "completed")) {
            assertTrue(raw.contains("StatusCallbackEvent=" + event), "status event " + event + " requested: " + raw);
        }

        // The simulator plays the call: its status callbacks, the TwiML, the agent answering.
        assertTrue(TestStack.twilio().awaitCall(callSid, java.time.Duration.ofSeconds(20)), "every webhook answered");
        int duration = Integer.parseInt(TestStack.twilio().call(callSid).orElseThrow().path("duration").asText());

        var recorded = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", tenant, "callSid", callSid), key, null).json();
        assertEquals("outbound", recorded.path("direction").asText());
        assertEquals("crm-42", recorded.path("contactId").asText());
        assertEquals("sam", recorded.path("agentId").asText());

        var list = Api.call("GET", "/v1/tenants/{tenantId}/calls", at(), "?direction=outbound", key, null).json();
        var listed = list.path("items").get(0);
        assertEquals(callSid, listed.path("callSid").asText());
        assertEquals("completed", listed.path("status").asText());
        assertEquals(duration, listed.path("durationSeconds").asInt());
        var detail = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", tenant, "callSid", callSid), key, null).json();
        List<String> statusSequence = new java.util.ArrayList<>();
        detail.path("events").forEach(e -> {
            if (e.path("kind").asText().equals("status")) {
                statusSequence.add(e.path("sequenceNumber").asText());
            }
        });
        assertEquals(List.of("0", "1", "2", "3"), statusSequence, "the status callbacks in firing order");
        // Recorded as asked: the agent's leg dialled the customer with recording on, and Twilio
        // reported the recording to its webhook.
        var recordings = detail.path("recordings");
        assertEquals(1, recordings.size(), detail.toString());
        assertEquals("completed", recordings.get(0).path("status").asText());
        assertEquals("DialVerb", recordings.get(0).path("source").asText());
        TestStack.get().eventSources().drain();
        var stored = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", tenant, "callSid", callSid), key, null).json().path("recordings").get(0);
        assertTrue(stored.path("stored").asBoolean(), "copied into the tenant's S3 space: " + stored);
        assertTrue(stored.path("storedBytes").asLong() > 0);
        var played = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stored.path("playbackUrl").asText())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, played.statusCode(), "the call's recording plays from its link");
        assertEquals(stored.path("storedBytes").asLong(), played.body().length);
    }

    @Test
    void withoutAnAgentTheCustomerHearsTheMessage() {
        var placed = Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "+14155550143", "message", "Your order has shipped."));
        assertEquals(201, placed.status(), placed.body());
        var sent = lastCallRequest();
        assertEquals("+14155550143", sent.form().get("To"));
        assertEquals("Your order has shipped.", TwimlDocument.parse(sent.form().get("Twiml")).text("Say"));
    }

    @Test
    void requestsThatCannotBePlacedAreRefusedBeforeTwilioIsAsked() {
        int before = TestStack.twilio().requestsFor(accountSid).size();
        assertEquals(422, Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "+14155550143", "from", Demo.FORWARD_NUMBER, "message", "hi")).status(),
                "another tenant's number is not a caller ID");
        assertEquals(422, Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "0800 123", "message", "hi")).status());
        assertEquals(422, Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "+14155550143", "agentId", "ghost")).status());
        assertEquals(422, Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                Map.of("to", "+14155550143")).status(), "no agent and nothing to say");
        // Too long for Twilio, as sent or once escaped into TwiML: 422 naming message, not a 502 to retry.
        for (String message : List.of("a".repeat(1024 * 1024), "b".repeat(3001), "&".repeat(900))) {
            var tooLong = Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), key,
                    Map.of("to", "+14155550143", "message", message));
            assertTrue(tooLong.status() == 400 || tooLong.status() == 422, tooLong.body());
            if (tooLong.status() == 422) {
                assertEquals("message", tooLong.json().path("error").path("field").asText());
            }
        }
        assertEquals(before, TestStack.twilio().requestsFor(accountSid).size());
    }

    private long callsPlaced() {
        return TestStack.twilio().requestsFor(accountSid).stream().filter(r -> r.path().endsWith("/Calls.json")).count();
    }

    private Api.Response place(Object body, String idempotencyKey) {
        return Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), null, key, body,
                Map.of("Idempotency-Key", idempotencyKey));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyPlacesNoSecondCall() {
        String idem = "retry-" + System.nanoTime();
        long before = callsPlaced();
        var first = place("{\"to\":\"+14155550144\",\"message\":\"Your table is ready.\"}", idem);
        assertEquals(201, first.status(), first.body());
        assertEquals(before + 1, callsPlaced());
        // The same request again (its keys in another order): the first answer, and Twilio not asked.
        var again = place("{\"message\":\"Your table is ready.\",\"to\":\"+14155550144\"}", idem);
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
        assertEquals(before + 1, callsPlaced(), "no second call");
        // The same key for another request is a client bug: 422, nothing placed.
        var other = place(Map.of("to", "+14155550145", "message", "Your table is ready."), idem);
        assertEquals(422, other.status(), other.body());
        assertEquals("Idempotency-Key", other.json().path("error").path("field").asText());
        assertEquals(before + 1, callsPlaced());
        // Another tenant's key never sees this tenant's answer.
        String stranger = Api.newTenant("c2c-x" + Long.toHexString(System.nanoTime()));
        var foreign = Api.call("POST", "/v1/tenants/{tenantId}/calls", at(), null, stranger,
                Map.of("to", "+14155550144", "message", "Your table is ready."), Map.of("Idempotency-Key", idem));
        assertEquals(404, foreign.status(), foreign.body());
        // A key that is not one: 400 naming the header.
        for (String bad : List.of("x".repeat(256), "two words")) {
            var refused = place(Map.of("to", "+14155550146", "message", "hi"), bad);
            assertEquals(400, refused.status(), bad + ": " + refused.body());
            assertEquals("Idempotency-Key", refused.json().path("error").path("field").asText());
        }
        assertEquals(before + 1, callsPlaced());
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        String idem = "fix-" + System.nanoTime();
        assertEquals(422, place(Map.of("to", "+14155550147"), idem).status(), "nothing to say");
        var fixed = place(Map.of("to", "+14155550147", "message", "Now with a message"), idem);
        assertEquals(201, fixed.status(), "the refused request left nothing behind: " + fixed.body());
    }

    @Test
    void concurrentRetriesPlaceOneCall() throws Exception {
        String idem = "burst-" + System.nanoTime();
        long before = callsPlaced();
        var body = Map.of("to", "+14155550148", "message", "One call only");
        List<Api.Response> answers;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Api.Response>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> place(body, idem)));
            }
            answers = new java.util.ArrayList<>();
            for (var f : futures) {
                answers.add(f.get());
            }
        }
        assertEquals(before + 1, callsPlaced(), "one call whatever the overlap");
        var sids = answers.stream().filter(a -> a.status() == 201).map(a -> a.json().path("callSid").asText())
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(1, sids.size(), "every success names the same call");
        for (var answer : answers) {
            assertTrue(answer.status() == 201 || answer.status() == 409, answer.body());
        }
        var settled = place(body, idem);
        assertEquals(201, settled.status());
        assertEquals(sids.iterator().next(), settled.json().path("callSid").asText());
    }
}
