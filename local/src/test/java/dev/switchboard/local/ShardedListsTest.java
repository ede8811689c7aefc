package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.CallShards;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.DynamoCalls;
import dev.switchboard.shared.delivery.AttemptRecord;
import dev.switchboard.shared.delivery.DeliveryLog;
import dev.switchboard.shared.delivery.DeliveryShards;
import dev.switchboard.shared.delivery.DeliveryWiring;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.DynamoEventLog;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.EventShards;
import dev.switchboard.shared.events.LogPosition;
import dev.switchboard.shared.messaging.ConversationShards;
import dev.switchboard.shared.messaging.DueShards;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageIds;
import dev.switchboard.shared.messaging.ScheduledMessages;
import dev.switchboard.shared.recordings.DynamoVoicemailInbox;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.twilio.CallStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each list whose partition key is written in shards answers as one list: enough items that every
 * shard holds some, read through the API page by page at several sizes, come back in the list's
 * order, each once, none left out; filtered, and with items written between pages, too.
 */
class ShardedListsTest {
    private static final int[] PAGE_SIZES = {4, 25, 100};
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Repositories repositories = TestStack.repositories();
    private final String tenant = "shards" + Demo.newCallSid().substring(2, 12);
    private final String key = Api.newTenant(tenant);
    private final String accountSid = "AC" + Demo.newCallSid().substring(2);
    private final Random random = new Random(tenant.hashCode());

    /**
     * The replay API's read of the log (what GET …/events answers, before it seals the cursor), with
     * a clock past the settle window: the events are stamped now, as the outbox stamps them (the
     * events publisher would stamp again an event stamped in the past), and listed without waiting.
     */
    @Test
    void theReplayApiListsEventsFromEveryShardInPositionOrder() {
        String table = repositories.settings().tables().events();
        List<String> positions = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; shards.size() < 32 || i < 100; ) {
            // Two events stamped at each instant: their ids order them.
            var clock = new SteppedClock(Instant.now());
            var outbox = new EventOutbox(repositories.dynamo(), table, Duration.ofDays(1), SETTLE, clock);
            for (int j = 0; j < 2; j++, i++) {
                String callSid = sid("CA");
                var payload = i % 3 == 0
                        ? new EventPayload.CallMissed(callSid, "+14155550100", "+15005550101", null, "no-answer", null)
                        : new EventPayload.CallStarted(callSid, accountSid, "inbound", "+14155550100", "+15005550101",
                        null, null, "+15005550101");
                var event = DomainEvent.of(tenant, "shards-" + i, clock.instant(), payload);
                assertEquals(Optional.empty(), outbox.commit(List.of(outbox.put(event))));
                positions.add(LogPosition.of(clock.instant(), event.id()));
                if (i % 3 == 0) {
                    missed.add(event.id());
                }
                shards.add(EventShards.of(tenant, event.id()));
            }
            assertTrue(i < 2_000, "every shard written");
        }
        var log = new DynamoEventLog(repositories.dynamo(), table, SETTLE,
                new SteppedClock(Instant.now().plus(SETTLE).plusSeconds(1)));
        List<String> expected = positions.stream().sorted().map(p -> p.substring(p.indexOf('#') + 1)).toList();
        for (int size : PAGE_SIZES) {
            assertEquals(expected, events(log, null, size), "page size " + size);
        }
        assertEquals(expected.stream().filter(missed::contains).toList(), events(log, "call.missed", 5), "filtered");
    }

    @Test
    void theCallsListListsCallsFromEveryShardNewestFirstEvenWhenTheyShareTheirTime() {
        var clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var calls = new DynamoCalls(repositories.dynamo(), repositories.settings().tables().calls(),
                repositories.outbox(), clock);
        List<Call> written = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; shards.size() < 16 || i < 60; i++) {
            // Three calls in each second: the CallSid orders them.
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
            Call call = call(calls, clock.instant(), i % 2 == 0 ? CallDirection.INBOUND : CallDirection.OUTBOUND);
            written.add(call);
            shards.add(CallShards.of(tenant, call.callSid()));
            assertTrue(i < 1_000, "every shard written");
        }
        Comparator<Call> newestFirst = Comparator.comparing(Call::createdAt).thenComparing(Call::callSid).reversed();
        List<String> expected = written.stream().sorted(newestFirst).map(Call::callSid).toList();
        for (int size : PAGE_SIZES) {
            assertEquals(expected, list("/v1/tenants/{tenantId}/calls", "", size, "callSid"), "page size " + size);
        }
        assertEquals(written.stream().filter(c -> c.direction() == CallDirection.OUTBOUND).sorted(newestFirst)
                        .map(Call::callSid).toList(),
                list("/v1/tenants/{tenantId}/calls", "&direction=outbound", 3, "callSid"), "filtered");

        // Calls made between two pages: the newer ones lie before the cursor and are not listed; an
        // older one lies ahead and is.
        var first = page("/v1/tenants/{tenantId}/calls", "", 10, null);
        List<String> read = new ArrayList<>(ids(first, "callSid"));
        clock.advance(Duration.ofSeconds(5));
        call(calls, clock.instant(), CallDirection.INBOUND);
        var older = new SteppedClock(Instant.parse("2020-01-01T00:00:00Z"));
        Call oldest = call(new DynamoCalls(repositories.dynamo(), repositories.settings().tables().calls(),
                repositories.outbox(), older), older.instant(), CallDirection.INBOUND);
        String cursor = first.path("nextCursor").asText();
        while (!cursor.isEmpty()) {
            var next = page("/v1/tenants/{tenantId}/calls", "", 10, cursor);
            read.addAll(ids(next, "callSid"));
            cursor = next.path("nextCursor").asText("");
        }
        List<String> wanted = new ArrayList<>(expected);
        wanted.add(oldest.callSid());
        assertEquals(wanted, read);
    }

    @Test
    void theVoicemailInboxListsVoicemailsFromEveryShardNewestFirst() {
        // Whole milliseconds from a whole second: every voicemailAt written with three fraction digits.
        var clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var calls = new DynamoCalls(repositories.dynamo(), repositories.settings().tables().calls(),
                repositories.outbox(), clock);
        VoicemailInbox inbox = new DynamoVoicemailInbox(repositories.dynamo(), repositories.settings().tables().calls(),
                repositories.outbox(), clock);
        List<String> newestFirst = new ArrayList<>();
        List<String> toSales = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; shards.size() < 16 || i < 50; i++) {
            clock.advance(Duration.ofMillis(7));
            String to = i % 4 == 0 ? "+15005550199" : "+15005550103";
            String callSid = call(calls, clock.instant(), CallDirection.INBOUND).callSid();
            String recordingSid = sid("RE");
            var left = inbox.left(new VoicemailInbox.Left(callSid, tenant, accountSid, recordingSid,
                            "https://api.twilio.com/recordings/" + recordingSid, 12, "+14155550100", to, null),
                    new CallEvent(callSid, tenant, "voicemail", null, clock.instant(), Map.of("RecordingSid", recordingSid)),
                    DomainEvent.of(tenant, "voicemail-" + callSid, clock.instant(), new EventPayload.VoicemailReceived(
                            callSid, recordingSid, "+14155550100", to, null, 12)));
            assertEquals(dev.switchboard.shared.calls.Outcome.APPLIED, left);
            newestFirst.addFirst(callSid);
            if (to.equals("+15005550199")) {
                toSales.addFirst(callSid);
            }
            shards.add(CallShards.of(tenant, callSid));
            assertTrue(i < 1_000, "every shard written");
        }
        for (int size : PAGE_SIZES) {
            assertEquals(newestFirst, list("/v1/tenants/{tenantId}/voicemails", "", size, "callSid"), "page size " + size);
        }
        assertEquals(toSales, list("/v1/tenants/{tenantId}/voicemails", "&number=%2B15005550199", 2, "callSid"),
                "filtered");
    }

    @Test
    void theConversationsListListsConversationsFromEveryShardByLastActivity() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> newestFirst = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        String number = "+15005550101";
        for (int i = 0; shards.size() < 8 || i < 40; i++) {
            String party = "+1415555%04d".formatted(i);
            String conversationId = MessageIds.conversationId(tenant, number, party);
            String messageSid = sid("SM");
            at = at.plusMillis(3);
            var message = Message.inbound(MessageIds.inboundId(tenant, messageSid), tenant, accountSid, conversationId,
                    messageSid, number, party, "hello " + i, List.of(), at);
            repositories.messages().received(message, Optional.empty(), List.of());
            newestFirst.addFirst(conversationId);
            shards.add(ConversationShards.of(tenant, conversationId));
            assertTrue(i < 1_000, "every shard written");
        }
        // A conversation written to again moves to the front.
        String moved = newestFirst.get(newestFirst.size() / 2);
        String party = "+1415555%04d".formatted(newestFirst.size() - 1 - newestFirst.indexOf(moved));
        String messageSid = sid("SM");
        repositories.messages().received(Message.inbound(MessageIds.inboundId(tenant, messageSid), tenant, accountSid,
                moved, messageSid, number, party, "again", List.of(), at.plusSeconds(1)), Optional.empty(), List.of());
        newestFirst.remove(moved);
        newestFirst.addFirst(moved);
        for (int size : PAGE_SIZES) {
            assertEquals(newestFirst, list("/v1/tenants/{tenantId}/conversations", "", size, "id"), "page size " + size);
        }
    }

    @Test
    void theSweepFindsDueMessagesInEveryShardAndWhereTheyWaitedBeforeInSendAtOrder() {
        ScheduledMessages scheduled = repositories.scheduledMessages();
        // A month ahead: the stack's own sweep, a minute ahead, leaves them be.
        Instant sendAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS);
        String number = "+15005550101";
        List<Message> written = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; shards.size() < 16 || i < 60; i++) {
            // Two at each time: their ids order them.
            if (i % 2 == 0) {
                sendAt = sendAt.plusMillis(1);
            }
            String party = "+1415556%04d".formatted(i % 5);
            var message = Message.outbound(MessageIds.newId(), tenant, accountSid,
                    MessageIds.conversationId(tenant, number, party), number, party, number, "later " + i, List.of(),
                    null, Instant.now(), sendAt);
            scheduled.schedule(message);
            written.add(message);
            shards.add(DueShards.of(message.id()));
            assertTrue(i < 1_000, "every shard written");
        }
        // One scheduled before the index was sharded waits in the one partition all waited in then.
        Message before = written.get(written.size() / 3);
        repositories.dynamo().updateItem(b -> b.tableName(repositories.settings().tables().messages())
                .key(Map.of("pk", AttributeValue.fromS("MSG#" + before.id()), "sk", AttributeValue.fromS("MSG")))
                .updateExpression("SET dueShard = :due")
                .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(DueShards.UNSHARDED))));

        List<String> expected = written.stream().sorted(Comparator.comparing(Message::sendAt)
                .thenComparing(Message::id)).map(Message::id).toList();
        List<String> due = scheduled.due(sendAt.plusSeconds(1), 5_000).stream()
                .filter(d -> d.tenantId().equals(tenant)).map(ScheduledMessages.Due::messageId).toList();
        assertEquals(expected, due);
        Instant half = written.get(written.size() / 2).sendAt();
        assertEquals(expected.stream().filter(id -> !written.stream().filter(m -> m.id().equals(id)).findFirst()
                        .orElseThrow().sendAt().isAfter(half)).toList(),
                scheduled.due(half, 5_000).stream().filter(d -> d.tenantId().equals(tenant))
                        .map(ScheduledMessages.Due::messageId).toList(), "only what is due by then");
    }

    @Test
    void anEndpointsAttemptsComeFromEveryShardAndFromBeforeNewestFirst() {
        var params = Map.of("tenantId", tenant, "endpointId", Api.call("POST", "/v1/tenants/{tenantId}/webhook-endpoints",
                Map.of("tenantId", tenant), key, Map.of("url", "http://127.0.0.1:9/shards")).json().path("id").asText());
        String endpointId = params.get("endpointId");
        DeliveryLog log = new DeliveryWiring(repositories.platform()).log();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> entries = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; shards.size() < 64 || i < 150; i++) {
            // Two attempts in each millisecond: their event ids order them.
            at = at.plusMillis(i % 2);
            String eventId = "evt_" + sid("").substring(0, 24);
            log.record(new AttemptRecord(endpointId, eventId, "call.started", 1, at, "failed", 500, 12, "no", null,
                    at.plusSeconds(60)));
            entries.add("%013d#%s".formatted(at.toEpochMilli(), eventId));
            shards.add(DeliveryShards.of(endpointId, eventId));
            assertTrue(i < 2_000, "every shard written");
        }
        // One attempt logged before the log was sharded, in the endpoint's own partition, delivered.
        Instant before = at.minusSeconds(3600);
        String old = "evt_" + sid("").substring(0, 24);
        String table = repositories.settings().tables().webhookDeliveries();
        for (String entry : List.of("a#%013d#%s#1".formatted(before.toEpochMilli(), old), "d#" + old)) {
            repositories.dynamo().putItem(b -> b.tableName(table).item(Map.of("endpointId",
                    AttributeValue.fromS(endpointId), "entry", AttributeValue.fromS(entry),
                    "eventId", AttributeValue.fromS(old), "eventType", AttributeValue.fromS("call.started"),
                    "attempt", AttributeValue.fromN("1"), "attemptedAt", AttributeValue.fromS(before.toString()),
                    "result", AttributeValue.fromS("delivered"), "responseStatus", AttributeValue.fromN("200"),
                    "latencyMs", AttributeValue.fromN("9"))));
        }
        entries.add("%013d#%s".formatted(before.toEpochMilli(), old));

        List<String> expected = entries.stream().sorted(Comparator.reverseOrder())
                .map(e -> e.substring(e.indexOf('#') + 1)).toList();
        String route = "/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}/attempts";
        for (int size : PAGE_SIZES) {
            assertEquals(expected, list(route, params, "", size, "eventId"), "page size " + size);
        }
        // Recovery's question, answered from the event's shard or from before.
        assertTrue(log.settled(endpointId, old, Instant.now()), "delivered before the log was sharded");
        assertTrue(log.settled(endpointId, expected.getFirst(), Instant.now()), "still in its retries");
        assertTrue(!log.settled(endpointId, expected.getFirst(), Instant.now().plusSeconds(120)), "retries over, failed");
    }

    private record Call(String callSid, Instant createdAt, CallDirection direction) {
    }

    private Call call(DynamoCalls calls, Instant at, CallDirection direction) {
        String callSid = sid("CA");
        assertEquals(dev.switchboard.shared.calls.Outcome.APPLIED, calls.answered(new Calls.Answered(callSid, tenant,
                accountSid, direction, "+14155550100", "+15005550101", null, "forward", CallStatus.RINGING)));
        return new Call(callSid, at, direction);
    }

    private String sid(String prefix) {
        StringBuilder sid = new StringBuilder(prefix);
        for (int i = 0; i < 32; i++) {
            sid.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sid.toString();
    }

    /** Every event of the tenant's in the log, following nextCursor while hasMore. */
    private List<String> events(EventLog log, String type, int limit) {
        List<String> ids = new ArrayList<>();
        String after = null;
        EventLog.Page page;
        do {
            page = log.read(tenant, after, type, limit);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(e -> ids.add(e.path("id").asText()));
            after = page.nextCursor();
            assertTrue(ids.size() <= 10_000, "pages end");
        } while (page.hasMore());
        return ids;
    }

    /** Every item of a list route, page by page, following nextCursor to the last page. */
    private List<String> list(String route, String query, int limit, String idField) {
        return list(route, Map.of("tenantId", tenant), query, limit, idField);
    }

    private List<String> list(String route, Map<String, String> params, String query, int limit, String idField) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = page(route, params, query, limit, cursor);
            assertTrue(page.path("items").size() <= limit);
            ids.addAll(ids(page, idField));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            assertTrue(ids.size() <= 10_000, "pages end");
        } while (cursor != null);
        return ids;
    }

    private JsonNode page(String route, String query, int limit, String cursor) {
        return page(route, Map.of("tenantId", tenant), query, limit, cursor);
    }

    private JsonNode page(String route, Map<String, String> params, String query, int limit, String cursor) {
        var response = Api.call("GET", route, params,
                "?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor), key, null);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static List<String> ids(JsonNode page, String idField) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path(idField).asText()));
        return ids;
    }
}
