package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.local.WebhookReceiver.Answer;
import static dev.switchboard.local.WebhookReceiver.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events reach tenants' own servers as the Standard Webhooks specification says, through the local
 * stack as in AWS: the outbox, its stream, the events publisher, the delivery queue and worker. The
 * stack runs the retry schedule compressed (TestStack), nothing else changed.
 */
class WebhookDeliveryTest {
    private static final String ALL = "/v1/tenants/{tenantId}/webhook-endpoints";
    private static final String ONE = ALL + "/{endpointId}";
    private static final Duration SOON = Duration.ofSeconds(20);

    /** Each test's own tenant: no test's events reach another test's endpoints. */
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        tenant = "deliver-" + Long.toHexString(System.nanoTime());
        key = Api.newTenant(tenant);
    }

    static Map<String, String> at(String tenantId, String... endpointId) {
        Map<String, String> params = new HashMap<>(Map.of("tenantId", tenantId));
        if (endpointId.length > 0) {
            params.put("endpointId", endpointId[0]);
        }
        return params;
    }

    /** @return the endpoint's id; the receiver now knows its secret */
    static String endpoint(String tenantId, String apiKey, WebhookReceiver receiver, String path, List<String> types) {
        var created = Api.call("POST", ALL, at(tenantId), apiKey, Map.of("url", receiver.url(path), "eventTypes", types));
        assertEquals(201, created.status(), created.body());
        receiver.secret(created.json().path("secret").asText());
        return created.json().path("id").asText();
    }

    /** An event committed through the outbox, as every producer commits its own. */
    static DomainEvent commit(String tenantId, EventPayload payload) {
        var outbox = new EventsWiring(TestStack.repositories().platform()).outbox();
        var event = DomainEvent.of(tenantId, UUID.randomUUID().toString(), Instant.now(), payload);
        assertTrue(outbox.commit(List.of(outbox.put(event))).isEmpty());
        return event;
    }

    static EventPayload missedCall() {
        return new EventPayload.CallMissed("CA" + UUID.randomUUID().toString().replace("-", ""), "+15005550006",
                "+15005550001", "alice", "no-answer", "no-answer");
    }

    static EventPayload received() {
        return new EventPayload.ContactOptedOut("CV" + UUID.randomUUID().toString().replace("-", ""), "+15005550001",
                "+15005550006", "STOP");
    }

    static List<JsonNode> attempts(String tenantId, String apiKey, String endpointId) {
        var listed = Api.call("GET", ONE + "/attempts", at(tenantId, endpointId), "?limit=100", apiKey, null);
        assertEquals(200, listed.status(), listed.body());
        List<JsonNode> items = new java.util.ArrayList<>();
        listed.json().path("items").forEach(items::add);
        return items;
    }

    @Test
    void eachEventReachesEveryEndpointThatWantsItSignedWithTheEventsIdAndItsExactBody() throws Exception {
        try (var calls = new WebhookReceiver(); var contacts = new WebhookReceiver()) {
            String callsId = endpoint(tenant, key, calls, "/calls", List.of("call.*"));
            endpoint(tenant, key, contacts, "/contacts", List.of("contact.opted-out"));
            var missed = commit(tenant, missedCall());
            var optedOut = commit(tenant, received());

            await("both delivered", SOON, () -> calls.of(missed.id()).size() == 1 && contacts.of(optedOut.id()).size() == 1);
            var delivery = calls.of(missed.id()).getFirst();
            assertTrue(delivery.verified(), "verified by the specification's library");
            JsonNode body = Json.MAPPER.readTree(delivery.body());
            assertEquals(missed.id(), body.path("id").asText());
            assertEquals("call.missed", body.path("type").asText());
            assertEquals(tenant, body.path("tenantId").asText());
            assertTrue(Math.abs(delivery.timestamp() - Instant.now().getEpochSecond()) < 60, "this attempt's time");
            assertTrue(contacts.of(optedOut.id()).getFirst().verified());
            assertTrue(calls.of(optedOut.id()).isEmpty(), "call.* does not want contact events");
            assertTrue(contacts.of(missed.id()).isEmpty());

            await("logged", SOON, () -> !attempts(tenant, key, callsId).isEmpty());
            JsonNode attempt = attempts(tenant, key, callsId).getFirst();
            assertEquals(missed.id(), attempt.path("eventId").asText());
            assertEquals("delivered", attempt.path("result").asText());
            assertEquals(204, attempt.path("responseStatus").asInt());
            assertEquals(1, attempt.path("attempt").asInt());
        }
    }

    @Test
    void duringARotationsOverlapEveryDeliveryVerifiesWithTheOldSecretAndWithTheNew() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            String id = endpoint(tenant, key, receiver, "/rotating", List.of("call.missed"));
            String old = receiver.secretInUse();
            var rotated = Api.call("POST", ONE + "/rotate-secret", at(tenant, id), key, Map.of("overlapHours", 24));
            assertEquals(200, rotated.status(), rotated.body());
            String fresh = rotated.json().path("secret").asText();
            var event = commit(tenant, missedCall());
            await("delivered", SOON, () -> receiver.of(event.id()).size() == 1);
            var delivery = receiver.of(event.id()).getFirst();
            assertEquals(2, delivery.signature().split(" ").length, "two signatures: " + delivery.signature());
            assertTrue(WebhookReceiver.verifies(old, delivery), "a receiver not yet updated still verifies");
            assertTrue(WebhookReceiver.verifies(fresh, delivery), "an updated receiver verifies");

            var ended = Api.call("POST", ONE + "/rotate-secret", at(tenant, id), key, Map.of("overlapHours", 0));
            String newest = ended.json().path("secret").asText();
            var later = commit(tenant, missedCall());
            await("delivered", SOON, () -> receiver.of(later.id()).size() == 1);
            var alone = receiver.of(later.id()).getFirst();
            assertEquals(1, alone.signature().split(" ").length, "no overlap: one signature");
            assertTrue(WebhookReceiver.verifies(newest, alone));
            assertTrue(!WebhookReceiver.verifies(fresh, alone), "the secret before no longer signs");
        }
    }

    @Test
    void anotherTenantsEndpointsNeverHearThisTenantsEvents() throws Exception {
        String other = "deliver-other-" + Long.toHexString(System.nanoTime());
        String otherKey = Api.newTenant(other);
        try (var mine = new WebhookReceiver(); var theirs = new WebhookReceiver()) {
            endpoint(tenant, key, mine, "/mine", List.of("*"));
            String theirsId = endpoint(other, otherKey, theirs, "/theirs", List.of("*"));
            var event = commit(tenant, missedCall());
            var theirEvent = commit(other, missedCall());
            await("each tenant's own", SOON, () -> !mine.of(event.id()).isEmpty() && !theirs.of(theirEvent.id()).isEmpty());
            TestStack.get().eventSources().queues().drain();
            assertTrue(theirs.of(event.id()).isEmpty(), "never another tenant's event");
            assertTrue(mine.of(theirEvent.id()).isEmpty());
            assertTrue(attempts(other, otherKey, theirsId).stream().noneMatch(a -> a.path("eventId").asText().equals(event.id())));
            // Nor can one tenant read another's delivery log.
            assertEquals(404, Api.call("GET", ONE + "/attempts", at(tenant, theirsId), key, null).status());
        }
    }

    @Test
    void failuresAreTriedAgainOnTheScheduleUntilOneIsDelivered() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            // A 500, a redirect (never followed), a 503 and then the receiver is back.
            receiver.answering(n -> switch (n) {
                case 1 -> Answer.status(500);
                case 2 -> new Answer(302, Map.of("Location", "http://127.0.0.1:9/elsewhere"), false);
                case 3 -> Answer.status(503);
                default -> Answer.status(200);
            });
            String id = endpoint(tenant, key, receiver, "/flaky", List.of("call.missed"));
            var event = commit(tenant, missedCall());
            await("delivered on the fourth attempt", SOON, () -> receiver.of(event.id()).size() == 4);
            var deliveries = receiver.of(event.id());
            assertTrue(deliveries.stream().allMatch(WebhookReceiver.Delivery::verified));
            assertTrue(deliveries.stream().allMatch(d -> d.body().equals(deliveries.getFirst().body())), "the same bytes");
            await("logged", SOON, () -> attempts(tenant, key, id).size() == 4);
            var log = attempts(tenant, key, id).reversed();
            assertEquals(List.of("failed", "failed", "failed", "delivered"), log.stream().map(a -> a.path("result").asText()).toList());
            assertEquals("redirect not followed", log.get(1).path("reason").asText());
            assertEquals(List.of(1, 2, 3, 4), log.stream().map(a -> a.path("attempt").asInt()).toList());
            assertFalse(log.getFirst().path("nextAttemptAt").isNull(), "a failure says when it is tried again");
            assertTrue(log.get(3).path("nextAttemptAt").isMissingNode() || log.get(3).path("nextAttemptAt").isNull());
            var endpoint = Api.call("GET", ONE, at(tenant, id), key, null).json();
            assertEquals("enabled", endpoint.path("status").asText());
            assertTrue(endpoint.path("failingSince").isNull(), "healthy again: " + endpoint);
        }
    }

    @Test
    void aRetryAfterOfA429IsHonoured() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            receiver.answering(n -> n == 1 ? new Answer(429, Map.of("Retry-After", "2"), false) : Answer.status(204));
            endpoint(tenant, key, receiver, "/busy", List.of("call.missed"));
            var event = commit(tenant, missedCall());
            await("delivered after the wait asked for", SOON, () -> receiver.of(event.id()).size() == 2);
            var deliveries = receiver.of(event.id());
            Duration waited = Duration.between(deliveries.get(0).at(), deliveries.get(1).at());
            assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, "waited " + waited + ", not the compressed schedule");
        }
    }

    @Test
    void a410DisablesTheEndpointAndTheTenantsOtherChannelsHearOfIt() throws Exception {
        try (var gone = new WebhookReceiver(); var admin = new WebhookReceiver()) {
            gone.answering(n -> Answer.status(410));
            String goneId = endpoint(tenant, key, gone, "/gone", List.of("call.missed"));
            endpoint(tenant, key, admin, "/admin", List.of("endpoint.*"));
            var event = commit(tenant, missedCall());
            await("disabled", SOON, () -> "disabled".equals(Api.call("GET", ONE, at(tenant, goneId), key, null)
                    .json().path("status").asText()));
            assertEquals(1, gone.of(event.id()).size(), "a 410 is not tried again");
            await("endpoint.disabled delivered", SOON, () -> admin.deliveries().stream()
                    .anyMatch(d -> d.body().contains("\"endpoint.disabled\"") && d.body().contains(goneId)));
            var again = commit(tenant, missedCall());
            TestStack.get().eventSources().queues().drain();
            assertTrue(gone.of(again.id()).isEmpty(), "a disabled endpoint receives nothing");
        }
    }

    @Test
    void anEndpointFailingForFiveDaysIsWarnedThenDisabledAndRecoversWhatItMissed() throws Exception {
        try (var failing = new WebhookReceiver(); var admin = new WebhookReceiver()) {
            failing.answering(n -> Answer.status(500));
            String id = endpoint(tenant, key, failing, "/down", List.of("call.missed"));
            endpoint(tenant, key, admin, "/admin", List.of("endpoint.*"));
            List<DomainEvent> missed = new java.util.ArrayList<>();
            // Events keep coming while it fails; the schedule (compressed alike) warns at four days, disables at five.
            long deadline = System.nanoTime() + SOON.toNanos();
            while (!"disabled".equals(Api.call("GET", ONE, at(tenant, id), key, null).json().path("status").asText())) {
                assertTrue(System.nanoTime() < deadline, "not disabled within " + SOON);
                missed.add(commit(tenant, missedCall()));
                await("attempted, or disabled meanwhile", SOON, () -> !failing.of(missed.getLast().id()).isEmpty()
                        || "disabled".equals(Api.call("GET", ONE, at(tenant, id), key, null).json().path("status").asText()));
            }
            await("warned, then told", SOON, () -> admin.deliveries().stream().anyMatch(d -> d.body().contains("\"endpoint.disabled\"")));
            var warnings = admin.deliveries().stream().filter(d -> d.body().contains("\"endpoint.failing\"")).toList();
            assertEquals(1, warnings.size(), "warned once");

            failing.answering(n -> Answer.status(204));
            var enabled = Api.call("POST", ONE + "/enable", at(tenant, id), key, null);
            assertEquals(200, enabled.status(), enabled.body());
            String since = enabled.json().path("recovery").path("since").asText();
            assertFalse(since.isEmpty(), enabled.body());
            var recovered = Api.call("POST", ONE + "/recover", at(tenant, id), key, Map.of("since", since, "only", "failed"));
            assertEquals(202, recovered.status(), recovered.body());
            await("every missed event recovered", Duration.ofSeconds(30), () -> missed.stream()
                    .allMatch(e -> failing.of(e.id()).stream().anyMatch(d -> d.answered() == 204)));
        }
    }

    @Test
    void theApiShowsAnEndpointFailingAndWhetherItsTenantWasWarned() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            String id = endpoint(tenant, key, receiver, "/shown", List.of("call.missed"));
            var endpoints = new dev.switchboard.shared.delivery.DeliveryWiring(TestStack.repositories().platform())
                    .endpoints();
            var before = endpoints.get(tenant, id).orElseThrow();
            Instant since = Instant.parse("2026-12-01T09:00:00Z");
            assertTrue(endpoints.replace(before, before.withHealth(
                    new dev.switchboard.shared.delivery.EndpointHealth.Failing(since, true), Instant.now())));
            var read = Api.call("GET", ONE, at(tenant, id), key, null).json();
            assertEquals("enabled", read.path("status").asText());
            assertEquals(since, Instant.parse(read.path("failingSince").asText()));
            assertTrue(read.path("warned").asBoolean(), read.toString());
        }
    }

    @Test
    void oneEventIsRedeliveredOnRequestWithTheSameId() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            String id = endpoint(tenant, key, receiver, "/again", List.of("call.missed"));
            var event = commit(tenant, missedCall());
            await("delivered", SOON, () -> receiver.of(event.id()).size() == 1);
            var redelivered = Api.call("POST", ONE + "/redeliver", at(tenant, id), key, Map.of("eventId", event.id()));
            assertEquals(202, redelivered.status(), redelivered.body());
            await("delivered again", SOON, () -> receiver.of(event.id()).size() == 2);
            assertEquals(receiver.of(event.id()).get(0).body(), receiver.of(event.id()).get(1).body());
            assertEquals(404, Api.call("POST", ONE + "/redeliver", at(tenant, id), key,
                    Map.of("eventId", "evt_00000000000000000000000000000000")).status());
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAfterFifteenSecondsAndIsTriedAgain() throws Exception {
        try (var receiver = new WebhookReceiver(); var quick = new WebhookReceiver()) {
            receiver.answering(n -> n == 1 ? Answer.hang() : Answer.status(204));
            String id = endpoint(tenant, key, receiver, "/slow", List.of("call.missed"));
            endpoint(tenant, key, quick, "/quick", List.of("contact.*"));
            var event = commit(tenant, missedCall());
            await("the slow one holding its first attempt", SOON, () -> receiver.of(event.id()).size() == 1);
            // Meanwhile another endpoint's events arrive as ever: the slow one holds only its own.
            var other = commit(tenant, received());
            await("the other endpoint served while the slow one hangs", SOON, () -> quick.of(other.id()).size() == 1);
            assertEquals(1, receiver.of(event.id()).size(), "still hanging");
            await("tried again after the timeout", Duration.ofSeconds(40), () -> receiver.of(event.id()).size() == 2);
            var first = attempts(tenant, key, id).reversed().getFirst();
            assertEquals("failed", first.path("result").asText());
            assertTrue(first.path("latencyMs").asLong() >= 14_000, first.toString());
            assertNull(first.path("responseStatus").isNull() ? null : first.path("responseStatus").asText(), first.toString());
        }
    }
}
