package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.http.LoopbackServer;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.twilio.CallStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An inbound call seen ringing, answered and over as each happens, played end to end by the
 * Twilio simulator through {@code switchboard-local call}: the dialed phone's or browser's
 * {@code answered} callback moves the caller's call in-progress while it still goes on, and a
 * paced call shows each change when it happens.
 */
class LiveAnswerTest {
    private static final Pattern CALL_SID = Pattern.compile("call (CA[0-9a-f]{32}) ");
    /** A timeline line: the time since the call started, then what happened. */
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+\\.\\d\\d)s [ !] (.*)$");
    private static final String RINGING = "voice POST " + TestStack.PUBLIC_URL + "/twilio/voice/inbound -> 200";
    private static final Pattern ANSWERED = Pattern.compile("status in-progress \\(dialed leg (CA[0-9a-f]{32})\\) POST "
            + Pattern.quote(TestStack.PUBLIC_URL + "/twilio/voice/status") + " -> 200");
    private static final String COMPLETED = "status completed POST " + TestStack.PUBLIC_URL + "/twilio/voice/status -> 200";

    /** One printed line and when the test read it. */
    private record Seen(String line, Instant at) {
        double time() {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            return Double.parseDouble(m.group(1));
        }

        String what() {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            return m.group(2);
        }
    }

    /** Standard output as lines, each handed over as soon as it is printed. */
    private static final class Lines extends OutputStream {
        final BlockingQueue<Seen> queue = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                queue.add(new Seen(line.toString(StandardCharsets.UTF_8), Instant.now()));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private record Played(int exitCode, List<Seen> lines, String callSid, Duration took) {
        String text() {
            return String.join("\n", lines.stream().map(Seen::line).toList());
        }

        int index(java.util.function.Predicate<String> what) {
            for (int i = 0; i < lines.size(); i++) {
                if (what.test(lines.get(i).line())) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Runs {@code switchboard-local call} as a user would, reading what it prints line by line;
     * {@code whenAnswered} gets the CallSid the moment the answered callback's line is read, while
     * the call still goes on.
     */
    private static Played call(String to, List<String> options, Consumer<String> whenAnswered) throws Exception {
        TestStack.get();
        List<String> args = new ArrayList<>(List.of("call", "--from", Demo.CALLER, "--to", to, "--simulator",
                TestStack.twilio().baseUrl().toString()));
        args.addAll(options);
        Lines out = new Lines();
        var err = new ByteArrayOutputStream();
        Instant start = Instant.now();
        var exit = new CompletableFuture<Integer>();
        Thread.ofVirtual().start(() -> exit.complete(Main.execute(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))));
        List<Seen> lines = new ArrayList<>();
        while (!exit.isDone() || !out.queue.isEmpty()) {
            Seen seen = out.queue.poll(100, TimeUnit.MILLISECONDS);
            if (seen != null) {
                lines.add(seen);
                if (ANSWERED.matcher(seen.line()).find()) {
                    Matcher sid = CALL_SID.matcher(lines.getFirst().line());
                    assertTrue(sid.find(), lines.getFirst().line());
                    whenAnswered.accept(sid.group(1));
                }
            }
        }
        int code = exit.get(60, TimeUnit.SECONDS);
        Duration took = Duration.between(start, Instant.now());
        String text = String.join("\n", lines.stream().map(Seen::line).toList());
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        Matcher sid = CALL_SID.matcher(text);
        assertTrue(sid.find(), text);
        return new Played(code, lines, sid.group(1), took);
    }

    /** The call's state-change events in the order they happened. */
    private static List<JsonNode> changes(String callSid) {
        List<JsonNode> events = new ArrayList<>(EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid));
        events.addAll(EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid));
        events.sort(Comparator.comparing(e -> Instant.parse(e.path("occurredAt").asText())));
        return events;
    }

    private static List<String> described(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText() + (e.path("payload").has("status")
                ? ":" + e.path("payload").path("status").asText() : "")).toList();
    }

    private static JsonNode detail(String callSid) {
        String key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "live-answer")).json().path("key").asText();
        var detail = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null);
        assertEquals(200, detail.status(), detail.body());
        return detail.json();
    }

    private static List<JsonNode> ofKind(JsonNode detail, String kind) {
        List<JsonNode> found = new ArrayList<>();
        detail.path("events").forEach(e -> {
            if (e.path("kind").asText().equals(kind)) {
                found.add(e);
            }
        });
        return found;
    }

    /** Ringing, answered, over: in that order in the timeline, in the events and on the call. */
    private static void assertSeenAnsweredBeforeTheEnd(Played played, String dialedTo) {
        int ringing = played.index(l -> l.endsWith(RINGING));
        int answered = played.index(l -> ANSWERED.matcher(l).find());
        int action = played.index(l -> l.contains("<Dial action> POST "));
        int completed = played.index(l -> l.endsWith(COMPLETED));
        assertTrue(ringing >= 0 && answered > ringing && action > answered && completed > action, played.text());

        var events = changes(played.callSid());
        assertEquals(List.of("call.started", "call.status-changed:in-progress", "call.status-changed:completed"),
                described(events));
        assertNotNull(events.get(1).path("payload").path("answeredAt").textValue(), events.get(1).toString());
        assertTrue(events.get(1).path("payload").path("sequenceNumber").isNull());

        var call = TestStack.repositories().calls().get(Demo.ACME, played.callSid()).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status());
        assertNotNull(call.answeredAt());
        assertFalse(call.answeredAt().isAfter(call.endedAt()), call.toString());

        JsonNode detail = detail(played.callSid());
        assertEquals(call.answeredAt().toString(), detail.path("answeredAt").asText());
        var legs = ofKind(detail, "dialed-leg");
        assertEquals(1, legs.size(), detail.toString());
        JsonNode leg = legs.getFirst().path("params");
        Matcher legSid = ANSWERED.matcher(played.lines().get(answered).line());
        assertTrue(legSid.find());
        assertEquals(legSid.group(1), leg.path("CallSid").asText());
        assertEquals(played.callSid(), leg.path("ParentCallSid").asText());
        assertEquals("in-progress", leg.path("CallStatus").asText());
        assertEquals("outbound-dial", leg.path("Direction").asText());
        assertEquals(dialedTo, leg.path("To").asText());
        assertEquals("0", leg.path("SequenceNumber").asText());
        assertEquals("call-progress-events", leg.path("CallbackSource").asText());
        // The dial's end says who answered it: the same leg.
        assertEquals(legSid.group(1), ofKind(detail, "dial-complete").getFirst().path("params").path("DialCallSid").asText());
    }

    @Test
    void aForwardedCallIsSeenAnsweredBeforeItEnds() throws Exception {
        var played = call(Demo.FORWARD_NUMBER, List.of(), callSid -> { });
        assertSeenAnsweredBeforeTheEnd(played, "+15005550181");
    }

    @Test
    void aBrowserAgentsAnswerIsSeenTheSameWay() throws Exception {
        var played = call(Demo.CLIENT_NUMBER, List.of(), callSid -> { });
        assertSeenAnsweredBeforeTheEnd(played, "client:acme_bob");
    }

    @Test
    void aCallNobodyAnswersHasNoAnswer() throws Exception {
        var played = call(Demo.FORWARD_NUMBER, List.of("--outcome", "no-answer"), callSid -> { });
        assertEquals(-1, played.index(l -> l.contains("dialed leg")), played.text());
        assertEquals(List.of("call.started", "call.status-changed:completed"), described(changes(played.callSid())));
        assertEquals(null, TestStack.repositories().calls().get(Demo.ACME, played.callSid()).orElseThrow().answeredAt());
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_MISSED, played.callSid()).size());
    }

    @Test
    void aPacedCallShowsEachChangeWhenItHappens() throws Exception {
        var statusWhenAnswered = new CompletableFuture<CallStatus>();
        var played = call(Demo.FORWARD_NUMBER, List.of("--ring-seconds", "1", "--talk-seconds", "1"), callSid -> {
            // Read the moment the answer is printed: the call is answered, and not yet over.
            statusWhenAnswered.complete(TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().status());
        });
        assertEquals(CallStatus.IN_PROGRESS, statusWhenAnswered.getNow(null), played.text());
        assertTrue(played.took().compareTo(Duration.ofSeconds(2)) >= 0, "rang 1 s and talked 1 s: " + played.took());

        Seen ringing = played.lines().get(played.index(l -> l.endsWith(RINGING)));
        Seen answered = played.lines().get(played.index(l -> ANSWERED.matcher(l).find()));
        Seen action = played.lines().get(played.index(l -> l.contains("<Dial action> POST ")));
        Seen completed = played.lines().get(played.index(l -> l.endsWith(COMPLETED)));
        assertTrue(answered.time() - ringing.time() >= 1.0, played.text());
        assertTrue(action.time() - answered.time() >= 1.0, played.text());
        // Each line reached the reader as it happened, not all at the end.
        assertTrue(Duration.between(answered.at(), completed.at()).toMillis() >= 900,
                "read " + answered.at() + " then " + completed.at());

        var events = changes(played.callSid());
        assertEquals(List.of("call.started", "call.status-changed:in-progress", "call.status-changed:completed"),
                described(events));
        Instant started = Instant.parse(events.get(0).path("occurredAt").asText());
        Instant inProgress = Instant.parse(events.get(1).path("occurredAt").asText());
        Instant over = Instant.parse(events.get(2).path("occurredAt").asText());
        assertTrue(Duration.between(started, inProgress).toMillis() >= 1000, started + " → " + inProgress);
        assertTrue(Duration.between(inProgress, over).toMillis() >= 1000, inProgress + " → " + over);

        // The durations are the paced ones: 1 s of talk, and the call as long as it took.
        var detail = detail(played.callSid());
        assertEquals("1", ofKind(detail, "dial-complete").getFirst().path("params").path("DialCallDuration").asText());
        assertTrue(played.lines().get(played.lines().size() - 1).what().matches("ended after \\d+ s"), played.text());
        var call = TestStack.repositories().calls().get(Demo.ACME, played.callSid()).orElseThrow();
        int sayAndDial = call.durationSeconds();
        var unpaced = call(Demo.FORWARD_NUMBER, List.of(), callSid -> { });
        int simulated = TestStack.repositories().calls().get(Demo.ACME, unpaced.callSid()).orElseThrow().durationSeconds();
        assertEquals(simulated - 5 - 15 + 1 + 1, sayAndDial, "5 s of ringing and 15 of talk became 1 and 1");
    }

    @Test
    void aPartyThatWouldAnswerAfterTheDialsTimeoutNeverDoes() throws Exception {
        // An application of our own whose <Dial> rings for 1 s only, asking for the answer.
        HttpServer app = LoopbackServer.create(0);
        List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        app.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            String url = "http://127.0.0.1:" + app.getAddress().getPort();
            byte[] twiml = (exchange.getRequestURI().getPath().equals("/voice")
                    ? "<Response><Dial timeout=\"1\" action=\"" + url + "/dial-complete\"><Number statusCallbackEvent=\"answered\""
                    + " statusCallback=\"" + url + "/status\">+15005550181</Number></Dial></Response>"
                    : "<Response/>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        app.start();
        String account = TwilioSimulator.sid("AC");
        TestStack.twilio().addAccount(account, "a-token-of-an-app-of-our-own");
        TestStack.twilio().addNumber(account, "+15005550998", "http://127.0.0.1:" + app.getAddress().getPort() + "/voice",
                null, null);
        try {
            var played = call("+15005550998", List.of("--ring-seconds", "2", "--talk-seconds", "0"), callSid -> { });
            assertTrue(played.text().contains("Number +15005550181 -> no-answer (it would answer after 2 s)"),
                    played.text());
            Seen dial = played.lines().get(played.index(l -> l.contains("<Dial ")));
            Seen action = played.lines().get(played.index(l -> l.contains("<Dial action> POST ")));
            assertTrue(action.time() - dial.time() >= 1.0, "rang its timeout, 1 s: " + played.text());
            assertEquals(List.of("/voice", "/dial-complete"), requested, "no answered callback");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void theSimulatorRefusesPacingOutOfRange() throws Exception {
        var http = HttpClient.newHttpClient();
        for (String body : List.of("{\"ringSeconds\": 601}", "{\"talkSeconds\": -1}", "{\"ringSeconds\": 1.5}",
                "{\"talkSeconds\": \"3\"}")) {
            String request = "{\"from\": \"" + Demo.CALLER + "\", \"to\": \"" + Demo.FORWARD_NUMBER + "\", "
                    + body.substring(1);
            var response = http.send(HttpRequest.newBuilder(URI.create(TestStack.twilio().baseUrl() + "/_simulator/calls"))
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), request);
            assertEquals("ringSeconds and talkSeconds are whole seconds from 0 to 600\n", response.body());
        }
    }
}
