package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.twilio.MessagePlayer;
import dev.switchboard.local.twilio.Timeline;
import dev.switchboard.messaging.scheduled.ScheduleSweep;
import dev.switchboard.messaging.scheduled.ScheduleSweepHandler;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messaging through the Twilio simulator on the local stack: messages in (with their media copied
 * to S3) and out, delivery tracking that order cannot break, opt-out, auto-reply and scheduled
 * messages.
 */
class MessagingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NUMBER = Demo.FORWARD_NUMBER;

    @AfterEach
    void twilioAsUsual() {
        TestStack.twilio().holdMessageCallbacks(false);
    }

    /** A party no other test texts: +1415 and seven random digits, never ending 0008 or 0009. */
    static String newParty() {
        String party;
        do {
            party = "+1415" + (2000000 + RANDOM.nextInt(7000000));
        } while (party.endsWith("0008") || party.endsWith("0009"));
        return party;
    }

    static Map<String, String> at(String name, String value) {
        return Map.of("tenantId", Demo.ACME, name, value);
    }

    static Api.Response send(Map<String, Object> body) {
        return Api.call("POST", "/v1/tenants/{tenantId}/messages", Map.of("tenantId", Demo.ACME), Api.adminKey(), body);
    }

    static Api.Response sendText(String to, String body) {
        return send(Map.of("from", NUMBER, "to", to, "body", body));
    }

    static JsonNode message(String messageId) {
        var response = Api.call("GET", "/v1/tenants/{tenantId}/messages/{messageId}", at("messageId", messageId),
                Api.adminKey(), null);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    static JsonNode conversationWith(String party) {
        return conversations().stream().filter(c -> c.path("party").asText().equals(party)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation with " + party));
    }

    /** Every conversation of acme, page by page, newest activity first. */
    static List<JsonNode> conversations() {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = Api.call("GET", "/v1/tenants/{tenantId}/conversations", Map.of("tenantId", Demo.ACME),
                    "?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), Api.adminKey(), null);
            assertEquals(200, page.status(), page.body());
            page.json().path("items").forEach(all::add);
            cursor = page.json().path("nextCursor").textValue();
        } while (cursor != null);
        return all;
    }

    /** A message from {@code from} to our number, through the simulator, as a handset sends it. */
    static String texted(String from, String body, List<MessagePlayer.Media> media) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = TestStack.twilio().receiveMessage(from, NUMBER, body, media,
                Timeline.printing(new PrintStream(out, true, StandardCharsets.UTF_8), ""));
        String timeline = out.toString(StandardCharsets.UTF_8);
        assertTrue(ok, timeline);
        return timeline;
    }

    static long twilioSendsTo(String to) {
        return TestStack.twilio().requestsFor(Demo.ACME_ACCOUNT).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/Messages.json"))
                .filter(r -> to.equals(r.form().get("To"))).count();
    }

    static List<JsonNode> events(String type, String field, String value) {
        return EventsQueue.all().stream().filter(e -> e.path("type").asText().equals(type))
                .filter(e -> e.path("payload").path(field).asText().equals(value)).toList();
    }

    // --- Inbound -------------------------------------------------------------------------------

    @Test
    void anInboundMmsWithThreeMediaItemsEndsInS3ByteForByteAndIsListedOnItsMessage() throws Exception {
        String party = newParty();
        byte[] jpeg = new byte[70_000];
        RANDOM.nextBytes(jpeg);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        byte[] vcard = "BEGIN:VCARD\nFN:Ada\nEND:VCARD\n".getBytes(StandardCharsets.UTF_8);
        List<MessagePlayer.Media> sent = List.of(new MessagePlayer.Media("image/jpeg", jpeg),
                new MessagePlayer.Media("image/png", png), new MessagePlayer.Media("text/vcard", vcard));
        texted(party, "Photos of the damage", sent);
        TestStack.get().eventSources().drain();

        JsonNode conversation = conversationWith(party);
        String messageId = conversation.path("lastMessage").path("messageId").asText();
        JsonNode m = message(messageId);
        assertEquals("inbound", m.path("direction").asText());
        assertEquals("Photos of the damage", m.path("body").asText());
        assertEquals(3, m.path("media").size(), m.toString());
        String sid = m.path("messageSid").asText();
        var s3 = LocalStack.s3(TestStack.get().emulators());
        String bucket = TestStack.repositories().settings().mediaBucket();
        String[] extensions = {"jpg", "png", "vcf"};
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            JsonNode item = m.path("media").get(i);
            assertTrue(item.path("stored").asBoolean(), item.toString());
            String key = "tenants/acme/messages/" + sid + "/" + i + "." + extensions[i];
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            assertArrayEquals(sent.get(i).bytes(), stored, "media " + i + " at " + key);
            assertEquals(sent.get(i).bytes().length, item.path("bytes").asLong());
            assertEquals(sent.get(i).contentType(), item.path("contentType").asText());
            // The link the message gives is the stored object itself.
            var fetched = http.send(HttpRequest.newBuilder(URI.create(item.path("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, fetched.statusCode());
            assertArrayEquals(sent.get(i).bytes(), fetched.body());
        }
        List<JsonNode> received = events(DomainEvent.MESSAGE_RECEIVED, "messageId", messageId);
        List<JsonNode> stored = events(DomainEvent.MESSAGE_MEDIA_STORED, "messageId", messageId);
        assertEquals(1, received.size());
        assertEquals(1, stored.size());
        assertEquals(3, stored.getFirst().path("payload").path("media").size());
        assertTrue(received.getFirst().path("occurredAt").asText().compareTo(
                stored.getFirst().path("occurredAt").asText()) <= 0, "received, then media-stored");

        // Copied again by a redelivered job, nothing changes and no second event goes out.
        TestStack.get().eventSources().drain();
        assertEquals(1, events(DomainEvent.MESSAGE_MEDIA_STORED, "messageId", messageId).size());
    }

    @Test
    void anInboundSmsShowsInItsConversationUnreadUntilRead() {
        String party = newParty();
        texted(party, "Is the shop open on Saturday?", List.of());
        JsonNode conversation = conversationWith(party);
        assertEquals(NUMBER, conversation.path("number").asText());
        assertEquals(1, conversation.path("unreadCount").asInt());
        assertEquals("Is the shop open on Saturday?", conversation.path("lastMessage").path("body").asText());
        assertEquals("inbound", conversation.path("lastMessage").path("direction").asText());

        String id = conversation.path("id").asText();
        var messages = Api.call("GET", "/v1/tenants/{tenantId}/conversations/{conversationId}/messages",
                at("conversationId", id), Api.adminKey(), null);
        assertEquals(200, messages.status(), messages.body());
        assertEquals(1, messages.json().path("items").size());
        assertEquals("received", messages.json().path("items").get(0).path("status").asText());

        texted(party, "Or Sunday?", List.of());
        assertEquals(2, conversationWith(party).path("unreadCount").asInt());
        var read = Api.call("POST", "/v1/tenants/{tenantId}/conversations/{conversationId}/read",
                at("conversationId", id), Api.adminKey(), null);
        assertEquals(200, read.status(), read.body());
        assertEquals(0, read.json().path("unreadCount").asInt());
        assertEquals("Or Sunday?", conversationWith(party).path("lastMessage").path("body").asText());
    }

    @Test
    void aRepeatedDeliveryOfOneMessageIsKeptOnce() {
        String party = newParty();
        Map<String, String> params = inbound(party, "SM" + hex(16), "Hello twice");
        for (int i = 0; i < 3; i++) {
            var answer = SignedWebhooks.post("/twilio/messaging/inbound", params, Demo.ACME_TOKEN);
            assertEquals(200, answer.status(), answer.body());
        }
        JsonNode conversation = conversationWith(party);
        assertEquals(1, conversation.path("unreadCount").asInt());
        assertEquals(1, events(DomainEvent.MESSAGE_RECEIVED, "messageSid", params.get("MessageSid")).size());
    }

    @Test
    void anotherTenantsAccountCannotWriteIntoThisTenantsConversations() {
        String party = newParty();
        Map<String, String> params = inbound(party, "SM" + hex(16), "Not yours");
        params.put("AccountSid", Demo.GLOBEX_ACCOUNT);
        var answer = SignedWebhooks.post("/twilio/messaging/inbound", params, Demo.GLOBEX_TOKEN);
        assertEquals(200, answer.status(), answer.body());
        assertTrue(conversations().stream().noneMatch(c -> c.path("party").asText().equals(party)),
                "no conversation for a message acme's account did not sign");
    }

    static Map<String, String> inbound(String from, String sid, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", Demo.ACME_ACCOUNT);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("From", from);
        params.put("To", NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        return params;
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    // --- Opt-out, help, auto-reply ---------------------------------------------------------------

    @Test
    void stopRefusesTheNextSendWithoutAskingTwilioAndStartAllowsItAgain() {
        String party = newParty();
        assertEquals(201, sendText(party, "Your order has shipped").status());
        texted(party, "  stop ", List.of());
        assertTrue(conversationWith(party).path("optedOut").asBoolean());
        assertEquals(1, events(DomainEvent.CONTACT_OPTED_OUT, "party", party).size());

        long before = twilioSendsTo(party);
        var refused = sendText(party, "Your order has been delivered");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("opted_out", refused.json().path("error").path("code").asText());
        assertEquals(before, twilioSendsTo(party), "Twilio was not asked");

        texted(party, "START", List.of());
        assertFalse(conversationWith(party).path("optedOut").asBoolean());
        assertEquals(1, events(DomainEvent.CONTACT_OPTED_IN, "party", party).size());
        var sent = sendText(party, "Your order has been delivered");
        assertEquals(201, sent.status(), sent.body());
        assertEquals(before + 1, twilioSendsTo(party));
    }

    @Test
    void helpIsAnsweredWithTheNumbersHelpText() {
        var answer = SignedWebhooks.post("/twilio/messaging/inbound", inbound(newParty(), "SM" + hex(16), "help"),
                Demo.ACME_TOKEN);
        assertEquals(200, answer.status());
        assertTrue(answer.body().contains("<Message>Reply STOP to unsubscribe, START to resubscribe.</Message>"),
                answer.body());
        // With Advanced Opt-Out, Twilio has answered already: no second answer.
        Map<String, String> advanced = inbound(newParty(), "SM" + hex(16), "HELP");
        advanced.put("OptOutType", "HELP");
        var quiet = SignedWebhooks.post("/twilio/messaging/inbound", advanced, Demo.ACME_TOKEN);
        assertFalse(quiet.body().contains("<Message>"), quiet.body());
    }

    @Test
    void twilioRefusingAsOptedOutMarksThePartyOutAndTheNextSendIsNotTried() {
        String party = newParty();
        TestStack.twilio().optOut(party);
        var refused = sendText(party, "Hello");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("opted_out", refused.json().path("error").path("code").asText());
        var out = events(DomainEvent.CONTACT_OPTED_OUT, "party", party);
        assertEquals(1, out.size());
        assertEquals("twilio_21610", out.getFirst().path("payload").path("reason").asText());
        long tried = twilioSendsTo(party);
        assertEquals(409, sendText(party, "Hello again").status());
        assertEquals(tried, twilioSendsTo(party));
    }

    @Test
    void theAutoReplyGoesOncePerConversationWithinItsWindowAndNeverToAKeyword() {
        var numberAt = Map.of("tenantId", Demo.ACME, "phoneNumber", Demo.GREETING_NUMBER);
        var patched = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", numberAt, Api.adminKey(),
                Map.of("messaging", Map.of("autoReply", "Thanks <3 we'll answer soon & in order",
                        "autoReplyWindowMinutes", 60)));
        assertEquals(200, patched.status(), patched.body());
        try {
            String party = newParty();
            Map<String, String> first = inbound(party, "SM" + hex(16), "Hi");
            first.put("To", Demo.GREETING_NUMBER);
            var answer = SignedWebhooks.post("/twilio/messaging/inbound", first, Demo.ACME_TOKEN);
            assertTrue(answer.body().contains("<Message>Thanks &lt;3 we'll answer soon &amp; in order</Message>"),
                    answer.body());
            Map<String, String> second = inbound(party, "SM" + hex(16), "Anyone?");
            second.put("To", Demo.GREETING_NUMBER);
            assertFalse(SignedWebhooks.post("/twilio/messaging/inbound", second, Demo.ACME_TOKEN).body()
                    .contains("<Message>"), "not twice within the window");
            String quit = newParty();
            Map<String, String> stop = inbound(quit, "SM" + hex(16), "STOP");
            stop.put("To", Demo.GREETING_NUMBER);
            assertFalse(SignedWebhooks.post("/twilio/messaging/inbound", stop, Demo.ACME_TOKEN).body()
                    .contains("<Message>"), "never to a keyword");
            // Opted out (here through another of the tenant's numbers): no auto-reply either.
            String elsewhere = newParty();
            assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound",
                    inbound(elsewhere, "SM" + hex(16), "STOP"), Demo.ACME_TOKEN).status());
            Map<String, String> after = inbound(elsewhere, "SM" + hex(16), "Actually, one question");
            after.put("To", Demo.GREETING_NUMBER);
            assertFalse(SignedWebhooks.post("/twilio/messaging/inbound", after, Demo.ACME_TOKEN).body()
                    .contains("<Message>"), "never to a party who opted out");
        } finally {
            Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", numberAt, Api.adminKey(),
                    Map.of("messaging", Map.of()));
        }
    }

    // --- Outbound and delivery tracking ----------------------------------------------------------

    @Test
    void refusedSendsAreClear422sAndAskTwilioNothing() {
        String party = newParty();
        assertEquals(422, sendText(party, "x".repeat(1601)).status(), "over 1,600 characters");
        List<String> eleven = Collections.nCopies(11, "https://example.com/a.jpg");
        assertEquals(422, send(Map.of("from", NUMBER, "to", party, "mediaUrls", eleven)).status());
        assertEquals(422, send(Map.of("from", NUMBER, "to", party, "mediaUrls", List.of("http://example.com/a.jpg")))
                .status(), "media URLs are https");
        var foreign = send(Map.of("from", Demo.GLOBEX_NUMBER, "to", party, "body", "hi"));
        assertEquals(422, foreign.status());
        assertEquals("from", foreign.json().path("error").path("field").asText());
        assertEquals(422, send(Map.of("from", NUMBER, "to", party, "body", "hi",
                "sendAt", Instant.now().plusSeconds(30).toString())).status(), "sooner than a minute");
        assertEquals(422, send(Map.of("from", NUMBER, "to", party, "body", "hi",
                "sendAt", Instant.now().plus(Duration.ofDays(36)).toString())).status(), "later than 35 days");
        assertEquals(0, twilioSendsTo(party));
        assertEquals(201, sendText(party, "x".repeat(1600)).status(), "1,600 characters are allowed");
    }

    /** One message's callbacks: what its final state should be, and the callbacks that tell it. */
    private record Plan(String messageId, String sid, String status, String errorCode, List<Map<String, String>> callbacks) {
    }

    @Test
    void aHundredMessagesEndRightWhateverTheOrderOfAThousandCallbacks() throws Exception {
        TestStack.twilio().holdMessageCallbacks(true);
        Random random = new Random(20261202);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String party = newParty();
            var sent = sendText(party, "Reminder " + i);
            assertEquals(201, sent.status(), sent.body());
            String messageId = sent.json().path("id").asText();
            String sid = sent.json().path("messageSid").asText();
            assertEquals("queued", sent.json().path("status").asText());
            String[][] path = switch (i % 4) {
                case 0, 1 -> new String[][]{{"sending", null}, {"sent", null}, {"delivered", null}};
                case 2 -> new String[][]{{"sending", null}, {"sent", null}, {"undelivered", "30003"}};
                default -> new String[][]{{"sending", null}, {"failed", "30008"}};
            };
            List<Map<String, String>> callbacks = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                // Each status at least once, the rest duplicates; half name the message in the URL.
                String[] step = path[c < path.length ? c : random.nextInt(path.length)];
                Map<String, String> params = new LinkedHashMap<>();
                params.put("AccountSid", Demo.ACME_ACCOUNT);
                params.put("ApiVersion", "2010-04-01");
                params.put("MessageSid", sid);
                params.put("SmsSid", sid);
                params.put("MessageStatus", step[0]);
                params.put("SmsStatus", step[0]);
                params.put("From", NUMBER);
                params.put("To", party);
                if (step[1] != null) {
                    params.put("ErrorCode", step[1]);
                }
                params.put("_path", "/twilio/messaging/status" + (i % 2 == 0 ? "?messageId=" + messageId : ""));
                callbacks.add(params);
            }
            String[] last = path[path.length - 1];
            plans.add(new Plan(messageId, sid, last[0], last[1], callbacks));
        }
        List<Map<String, String>> all = new ArrayList<>();
        plans.forEach(p -> all.addAll(p.callbacks()));
        Collections.shuffle(all, random);
        assertEquals(1000, all.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<SignedWebhooks.Response>> answers = new ArrayList<>();
            for (Map<String, String> callback : all) {
                Map<String, String> params = new LinkedHashMap<>(callback);
                String path = params.remove("_path");
                answers.add(pool.submit(() -> SignedWebhooks.post(path, params, Demo.ACME_TOKEN)));
            }
            for (var answer : answers) {
                assertEquals(200, answer.get().status(), answer.get().body());
            }
        }
        List<JsonNode> changes = EventsQueue.all().stream()
                .filter(e -> e.path("type").asText().equals(DomainEvent.MESSAGE_STATUS_CHANGED)).toList();
        for (Plan plan : plans) {
            JsonNode m = message(plan.messageId());
            assertEquals(plan.status(), m.path("status").asText(), plan + " -> " + m);
            if (plan.errorCode() == null) {
                assertTrue(m.path("errorCode").isNull(), m.toString());
            } else {
                assertEquals(plan.errorCode(), m.path("errorCode").asText(), "kept whatever came after: " + m);
            }
            if (plan.status().equals("delivered")) {
                assertFalse(m.path("sentAt").isNull(), m.toString());
                assertFalse(m.path("deliveredAt").isNull(), m.toString());
            }
            // Every distinct callback in the message's log, a duplicate once.
            Set<Map<String, String>> distinct = new HashSet<>();
            plan.callbacks().forEach(c -> {
                Map<String, String> params = new LinkedHashMap<>(c);
                params.remove("_path");
                distinct.add(params);
            });
            assertEquals(distinct.size(), m.path("callbacks").size(), m.toString());
            // One event per change applied: never two for one status, the last one the final state.
            List<JsonNode> mine = changes.stream()
                    .filter(e -> e.path("payload").path("messageId").asText().equals(plan.messageId())).toList();
            Set<String> statuses = new HashSet<>();
            mine.forEach(e -> assertTrue(statuses.add(e.path("payload").path("status").asText()), mine.toString()));
            assertTrue(statuses.contains(plan.status()), mine.toString());
        }
    }

    // --- Scheduled messages ----------------------------------------------------------------------

    static ScheduleSweep sweepAt(Instant at) {
        var platform = TestStack.repositories();
        return new ScheduleSweep(platform.scheduledMessages(), ScheduleSweepHandler.sqsQueue(platform.sqs(),
                platform.settings().sendQueueUrl().orElseThrow()), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void aScheduledMessageLeavesAtItsTimeOnceEvenWhenSweepsOverlap() throws Exception {
        String party = newParty();
        Instant sendAt = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var scheduled = send(Map.of("from", NUMBER, "to", party, "body", "Your appointment is tomorrow at 9",
                "sendAt", sendAt.toString()));
        assertEquals(201, scheduled.status(), scheduled.body());
        assertEquals("scheduled", scheduled.json().path("status").asText());
        assertTrue(scheduled.json().path("messageSid").isNull());
        String id = scheduled.json().path("id").asText();

        // Seen by no sweep before its minute; a sweep 20 s before puts it on the queue 20 s delayed.
        assertTrue(sweepAt(sendAt.minusSeconds(61)).sweep().stream().noneMatch(s -> s.messageId().equals(id)));
        var early = sweepAt(sendAt.minusSeconds(20)).sweep().stream().filter(s -> s.messageId().equals(id)).toList();
        assertEquals(1, early.size());
        assertEquals(20, early.getFirst().delaySeconds(), "sent at its time, not at the next sweep");

        // At its time, two sweeps at once: it is sent once.
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> sweepAt(sendAt).sweep());
            var b = pool.submit(() -> sweepAt(sendAt).sweep());
            a.get();
            b.get();
        }
        TestStack.get().eventSources().drain();
        TestStack.get().eventSources().drain();
        assertEquals(1, twilioSendsTo(party));
        JsonNode m = message(id);
        assertNotNull(m.path("messageSid").textValue(), m.toString());
        assertEquals(party, conversationWith(party).path("party").asText());
        assertEquals(409, Api.call("DELETE", "/v1/tenants/{tenantId}/messages/{messageId}", at("messageId", id),
                Api.adminKey(), null).status(), "sent: too late to cancel");
        // A later sweep finds nothing more to do for it.
        assertTrue(sweepAt(sendAt.plusSeconds(60)).sweep().stream().noneMatch(s -> s.messageId().equals(id)));
    }

    @Test
    void aCanceledScheduledMessageIsNeverSent() {
        String party = newParty();
        Instant sendAt = Instant.now().plusSeconds(120);
        var scheduled = send(Map.of("from", NUMBER, "to", party, "body", "Never", "sendAt", sendAt.toString()));
        assertEquals(201, scheduled.status(), scheduled.body());
        String id = scheduled.json().path("id").asText();
        var canceled = Api.call("DELETE", "/v1/tenants/{tenantId}/messages/{messageId}", at("messageId", id),
                Api.adminKey(), null);
        assertEquals(200, canceled.status(), canceled.body());
        assertEquals("canceled", canceled.json().path("status").asText());
        assertEquals(200, Api.call("DELETE", "/v1/tenants/{tenantId}/messages/{messageId}", at("messageId", id),
                Api.adminKey(), null).status(), "canceling again answers the same");
        assertTrue(sweepAt(sendAt.plusSeconds(5)).sweep().stream().noneMatch(s -> s.messageId().equals(id)));
        TestStack.get().eventSources().drain();
        assertEquals(0, twilioSendsTo(party));
        assertEquals("canceled", message(id).path("status").asText());
        assertNull(message(id).path("messageSid").textValue());
        assertEquals(1, events(DomainEvent.MESSAGE_STATUS_CHANGED, "messageId", id).size());
    }

    @Test
    void theLocalStackRunsTheSweepEveryMinute() {
        var schedules = TestStack.get().eventSources().schedules().mappings();
        assertTrue(schedules.stream().anyMatch(m -> m.function().equals("ScheduleSweepFunction")
                && Duration.ofMinutes(1).equals(m.period())), schedules.toString());
    }
}
