package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventShards;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app that keeps up with GET /v1/tenants/{tenantId}/events by following nextCursor while a
 * burst of calls arrives, every webhook delivered twice at once and the callbacks of each call in
 * a random order, receives every event of the burst; and so does one that resumes later from any
 * cursor it was given. What the events table holds once every webhook has been answered is the
 * truth the consumer is held to.
 */
class EventsTailTest {
    private static final String ROUTE = "/v1/tenants/{tenantId}/events";
    private static final int CALLS = 200;
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static String key;

    /** One page as the consumer saw it: the cursor it was given and the events before that cursor. */
    private record Seen(String nextCursor, List<String> ids) {
    }

    @BeforeAll
    static void apiKey() {
        key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "tail")).json().path("key").asText();
    }

    @RepeatedTest(value = 5, name = "burst {currentRepetition} of {totalRepetitions}")
    void aConsumerFollowingNextCursorThroughABurstMissesNoEvent(RepetitionInfo run) throws Exception {
        String start = endOfLog();
        List<Seen> pages = new CopyOnWriteArrayList<>();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = Thread.ofPlatform().name("tail-" + run.getCurrentRepetition()).start(() -> {
            String cursor = start;
            while (!stop.get()) {
                var page = page(cursor);
                List<String> ids = new ArrayList<>();
                page.path("items").forEach(e -> ids.add(e.path("id").asText()));
                received.addAll(ids);
                cursor = page.path("nextCursor").asText();
                pages.add(new Seen(cursor, ids));
                if (!page.path("hasMore").asBoolean()) {
                    // An app's poll interval when it has caught up.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        });

        Set<String> callSids = burst();
        Set<String> expected = committedEventsOf(callSids);
        assertTrue(expected.size() >= 2 * CALLS, "each call has at least its start and its end: " + expected.size());

        Instant deadline = Instant.now().plus(CATCH_UP);
        while (!received.containsAll(expected) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        stop.set(true);
        consumer.join();
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(received);
        assertEquals(0, missed.size(), missed.size() + " of " + expected.size()
                + " events never reached the tailing consumer, e.g. " + missed.stream().limit(5).toList());

        // Resuming later from a cursor it was given, the consumer gets what it had not yet received.
        List<Seen> snapshot = List.copyOf(pages);
        Set<String> before = new HashSet<>();
        int step = Math.max(1, snapshot.size() / 10);
        for (int i = 0; i < snapshot.size(); i++) {
            before.addAll(snapshot.get(i).ids());
            if (i % step == 0) {
                Set<String> resumed = resume(snapshot.get(i).nextCursor(), before, expected);
                Set<String> lost = new TreeSet<>(expected);
                lost.removeAll(resumed);
                assertEquals(0, lost.size(), lost.size() + " events lost resuming from the cursor of page " + i
                        + " of " + snapshot.size() + ", e.g. " + lost.stream().limit(5).toList());
            }
        }
    }

    /** The cursor at the end of the tenant's log as it is now. */
    private static String endOfLog() {
        String cursor = null;
        JsonNode page;
        do {
            page = page(cursor);
            cursor = page.path("nextCursor").asText();
        } while (page.path("hasMore").asBoolean());
        return cursor;
    }

    /**
     * What a consumer that had received {@code before} gets when it comes back with {@code cursor}
     * and polls on as an app would (an event whose late commit moved it is listed where it moved
     * once that has settled), until it has every expected event or the catch-up time is over.
     */
    private static Set<String> resume(String cursor, Set<String> before, Set<String> expected) {
        Set<String> received = new HashSet<>(before);
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (!received.containsAll(expected) && Instant.now().isBefore(deadline)) {
            var page = page(cursor);
            page.path("items").forEach(e -> received.add(e.path("id").asText()));
            cursor = page.path("nextCursor").asText();
            if (!page.path("hasMore").asBoolean() && !received.containsAll(expected)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        return received;
    }

    private static JsonNode page(String cursor) {
        var response = Api.call("GET", ROUTE, Map.of("tenantId", Demo.ACME),
                "?limit=100" + (cursor == null ? "" : "&after=" + cursor), key, null);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    /**
     * CALLS calls at once, each answered (inbound), in progress and completed, every request sent
     * twice concurrently and each call's callbacks in a random order; returns when all are answered.
     */
    private static Set<String> burst() throws Exception {
        Set<String> callSids = new HashSet<>();
        List<Future<?>> sent = new ArrayList<>();
        // Its own client: the hundreds of connections a burst opens close with it, rather than
        // linger in the pool the other tests share after the server has let them go.
        try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CALLS; c++) {
                String callSid = Demo.newCallSid();
                callSids.add(callSid);
                sent.add(executor.submit(() -> playCall(http, callSid)));
            }
            for (Future<?> f : sent) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        return callSids;
    }

    private static void playCall(HttpClient http, String callSid) {
        List<Map.Entry<String, Map<String, String>>> requests = new ArrayList<>();
        requests.add(Map.entry("/twilio/voice/inbound", SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing")));
        for (String status : List.of("in-progress", "completed")) {
            Map<String, String> params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, status);
            params.put("CallbackSource", "call-progress-events");
            params.put("SequenceNumber", status.equals("completed") ? "3" : "2");
            if (status.equals("completed")) {
                params.put("CallDuration", "7");
            }
            requests.add(Map.entry("/twilio/voice/status", params));
        }
        Collections.shuffle(requests);
        try (var twice = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var request : requests) {
                List<Future<SignedWebhooks.Response>> copies = new ArrayList<>();
                for (int copy = 0; copy < 2; copy++) {
                    copies.add(twice.submit(() -> SignedWebhooks.post(http, request.getKey(),
                            new LinkedHashMap<>(request.getValue()), Demo.ACME_TOKEN)));
                }
                for (var copy : copies) {
                    assertEquals(200, copy.get().status(), request.getKey() + " " + copy.get().body());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event of these calls in the events table: all committed, since every webhook has answered. */
    private static Set<String> committedEventsOf(Set<String> callSids) throws Exception {
        var platform = TestStack.repositories();
        Set<String> ids = new HashSet<>();
        for (String shard : EventShards.of(Demo.ACME)) {
            Map<String, AttributeValue> start = null;
            do {
                var from = start;
                var page = platform.dynamo().query(b -> b.tableName(platform.settings().tables().events())
                        .indexName(EventShards.INDEX).keyConditionExpression("tenantShard = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(shard)))
                        .exclusiveStartKey(from));
                for (var item : page.items()) {
                    JsonNode event = Json.MAPPER.readTree(item.get(EventOutbox.BODY).s());
                    if (callSids.contains(event.path("payload").path("callSid").asText())) {
                        ids.add(event.path("id").asText());
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return ids;
    }
}
