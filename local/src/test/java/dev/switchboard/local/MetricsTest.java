package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.twilio.Timeline;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics of calls played through the Twilio simulator, as the API reports them once the
 * stream has been counted: JSON and CSV, grouped, refused with a reason when asked wrongly, and
 * another tenant's out of reach.
 */
class MetricsTest {
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static String tenant;
    private static String key;
    private static String number;
    private static final String PHONE = "+15005550182";

    /** A tenant with one agent and one number, forwarding to the agent's phone with voicemail. */
    private record Workspace(String tenant, String key, String number) {
    }

    private static Workspace workspace() {
        String tenant = "metrics-" + Long.toHexString(System.nanoTime());
        String key = Api.newTenant(tenant);
        String account = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(account, token);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", Map.of("tenantId", tenant), key,
                Map.of("accountSid", account, "authToken", token)).status());
        var zoned = Api.call("PATCH", "/v1/tenants/{tenantId}", Map.of("tenantId", tenant), key,
                Map.of("timeZone", ZONE.getId()));
        assertEquals(200, zoned.status(), zoned.body());
        assertEquals(ZONE.getId(), zoned.json().path("timeZone").asText());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", tenant), key,
                Map.of("id", "alice", "name", "Alice", "phone", PHONE)).status());
        String number = "+1634" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(account, number);
        var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", Map.of("tenantId", tenant), key,
                Map.of("phoneNumber", number, "agentId", "alice", "routing", Map.of("mode", "forward", "forwardTo", PHONE,
                        "timeoutSeconds", 20, "voicemail", true)));
        assertEquals(201, imported.status(), imported.body());
        return new Workspace(tenant, key, number);
    }

    @BeforeAll
    static void threeCalls() {
        var workspace = workspace();
        tenant = workspace.tenant();
        key = workspace.key();
        number = workspace.number();
        TestStack.twilio().answer(PHONE, "answered");
        play(number, "answered", null);
        play(number, "answered", null);
        TestStack.twilio().answer(PHONE, "no-answer");
        play(number, "no-answer", "Call me back.");
        TestStack.twilio().answer(PHONE, "answered");
        TestStack.get().eventSources().drain();
    }

    private static void play(String to, String outcome, String say) {
        assertTrue(TestStack.twilio().playInbound(Demo.CALLER, to, outcome, say, new Timeline() {
            @Override
            public void step(String line) {
            }

            @Override
            public void failure(String line) {
                throw new AssertionError(line);
            }
        }));
    }

    private static Api.Response metrics(String query, String withKey) {
        return Api.call("GET", "/v1/tenants/{tenantId}/metrics", Map.of("tenantId", tenant), query, withKey, null);
    }

    private static String today() {
        return LocalDate.now(ZONE).toString();
    }

    @Test
    void todaysCallsAreCountedInTheTenantsTimeZone() {
        var report = metrics("?metrics=calls.inbound,calls.answered,calls.missed,calls.voicemail,calls.answerRate,"
                + "calls.talkTime.avg,calls.handleTime.p50&bucket=day&from=" + today() + "&to=" + today(), key);
        assertEquals(200, report.status(), report.body());
        JsonNode json = report.json();
        assertEquals(ZONE.getId(), json.path("timeZone").asText(), "the tenant's zone by default");
        assertEquals(1, json.path("rows").size());
        JsonNode values = json.path("rows").get(0).path("values");
        assertEquals(3, values.path("calls.inbound").asInt(), values.toString());
        assertEquals(2, values.path("calls.answered").asInt(), values.toString());
        assertEquals(1, values.path("calls.missed").asInt(), values.toString());
        assertEquals(1, values.path("calls.voicemail").asInt(), values.toString());
        assertEquals(0.6667, values.path("calls.answerRate").asDouble(), 1e-9, values.toString());
        assertTrue(values.path("calls.talkTime.avg").isNumber(), values.toString());
        assertTrue(values.path("calls.handleTime.p50").isNumber(), values.toString());
    }

    @Test
    void groupedByAgentAndByNumber() {
        var byAgent = metrics("?metrics=calls.inbound,calls.answered,calls.missed,calls.talkTime.total&groupBy=agent"
                + "&bucket=none&from=" + today() + "&to=" + today(), key).json();
        assertEquals(1, byAgent.path("rows").size(), byAgent.toString());
        assertEquals("alice", byAgent.path("rows").get(0).path("group").asText());
        assertEquals(3, byAgent.path("rows").get(0).path("values").path("calls.inbound").asInt());
        var byNumber = metrics("?metrics=calls.inbound&groupBy=number&bucket=none&from=" + today() + "&to=" + today(), key)
                .json();
        assertEquals(number, byNumber.path("rows").get(0).path("group").asText());
    }

    @Test
    void aCallTheApiPlacedCountsOutboundOnItsNumberAndAgent() {
        var own = workspace();
        TestStack.twilio().answer(PHONE, "answered");
        var placed = Api.call("POST", "/v1/tenants/{tenantId}/calls", Map.of("tenantId", own.tenant()), own.key(),
                Map.of("to", "+14155550142", "agentId", "alice"));
        assertEquals(201, placed.status(), placed.body());
        String callSid = placed.json().path("callSid").asText();
        assertTrue(TestStack.twilio().awaitCall(callSid, java.time.Duration.ofSeconds(20)), "every webhook answered");
        TestStack.get().eventSources().drain();
        String range = "&bucket=none&from=" + today() + "&to=" + today();
        for (String groupBy : java.util.List.of("number", "agent")) {
            var report = Api.call("GET", "/v1/tenants/{tenantId}/metrics", Map.of("tenantId", own.tenant()),
                    "?metrics=calls.outbound,calls.inbound&groupBy=" + groupBy + range, own.key(), null).json();
            assertEquals(1, report.path("rows").size(), report.toString());
            JsonNode row = report.path("rows").get(0);
            assertEquals(groupBy.equals("number") ? own.number() : "alice", row.path("group").asText(), report.toString());
            assertEquals(1, row.path("values").path("calls.outbound").asInt(), report.toString());
            assertEquals(0, row.path("values").path("calls.inbound").asInt(), report.toString());
        }
    }

    @Test
    void csvWhenAskedForIt() {
        var csv = Api.call("GET", "/v1/tenants/{tenantId}/metrics", Map.of("tenantId", tenant),
                "?metrics=calls.inbound,calls.answered&bucket=day&from=" + today() + "&to=" + today(), key, null,
                Map.of("Accept", "text/csv"));
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"), csv.headers().toString());
        List<String> lines = csv.body().lines().toList();
        assertEquals("start,end,calls.inbound,calls.answered", lines.get(0));
        assertTrue(lines.get(1).endsWith(",3,2"), lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void theHourOfTheWeekHeatMapHasEveryCell() {
        var heat = metrics("?metrics=calls.inbound&groupBy=hourOfWeek&bucket=none&from=" + today() + "&to=" + today(), key)
                .json();
        assertEquals(168, heat.path("rows").size());
        int total = 0;
        for (JsonNode row : heat.path("rows")) {
            total += row.path("values").path("calls.inbound").asInt();
        }
        assertEquals(3, total);
    }

    @Test
    void todaysFiguresArePushedToTheTenantsWebSocketAndNowhereElse() throws Exception {
        // A workspace of its own: its call moves no other test's figures.
        var own = workspace();
        int before = 0;
        try (var team = BrowserSocket.connect(RealtimeTest.issue(own.tenant(), own.key(), null));
             var alice = BrowserSocket.connect(RealtimeTest.issue(own.tenant(), own.key(), "alice"))) {
            play(own.number(), "answered", null);
            WebhookReceiver.await("today's figures with the new call", java.time.Duration.ofSeconds(30), () ->
                    team.events().stream().anyMatch(f -> f.path("type").asText().equals(DomainEvent.METRICS_TODAY)
                            && f.path("payload").path("figures").path("calls.inbound").asInt() == before + 1));
            JsonNode pushed = team.events().stream().filter(f -> f.path("type").asText().equals(DomainEvent.METRICS_TODAY))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(today(), pushed.path("payload").path("date").asText());
            assertEquals(ZONE.getId(), pushed.path("payload").path("timeZone").asText());
            assertTrue(pushed.path("id").isMissingNode(), "a snapshot: nothing to resume from");
            assertTrue(alice.events().stream().noneMatch(f -> f.path("type").asText().equals(DomainEvent.METRICS_TODAY)),
                    "the team's figures are not an agent's");
        }
        assertTrue(EventsQueue.all().stream().noneMatch(e -> e.path("type").asText().equals(DomainEvent.METRICS_TODAY)),
                "not in the event log, so not in the events queue");
    }

    @Test
    void askedWronglyTheReasonIsGiven() {
        for (String query : List.of("?metrics=calls.nope", "?bucket=fortnight", "?from=2026-12-07&to=2026-12-01",
                "?tz=EST", "?tz=Mars/Olympus", "?from=2025-01-01&to=2026-12-01", "?serviceLevelSeconds=0",
                "?serviceLevelSeconds=300", "?groupBy=agent&metrics=calls.talkTime.p90", "?groupBy=colour",
                "?from=2026-12-01T10:07:00Z", "?from=yesterday", "?bucket=quarter-hour&from=2026-01-01&to=2026-12-01",
                "?groupBy=option&metrics=calls.inbound")) {
            var refused = metrics(query, key);
            assertEquals(400, refused.status(), query + ": " + refused.body());
            assertFalse(refused.json().path("error").path("message").asText().isBlank(), refused.body());
        }
    }

    @Test
    void aRecountOfTheWholeLogChangesNothing() {
        String before = metrics("?metrics=calls.inbound,calls.answered,calls.missed,calls.voicemail,calls.talkTime.total"
                + "&bucket=hour&from=" + today() + "&to=" + today(), key).body();
        assertEquals(403, Api.call("POST", "/v1/tenants/{tenantId}/metrics/recount", Map.of("tenantId", tenant), key,
                Map.of()).status(), "the operator's route");
        assertEquals(400, Api.call("POST", "/v1/tenants/{tenantId}/metrics/recount", Map.of("tenantId", tenant),
                Api.adminKey(), Map.of("after", "yesterday")).status());
        String after = null;
        int events = 0;
        // The log hands out only events older than its settle window: read it from a minute on.
        System.setProperty(dev.switchboard.shared.config.Settings.LOCAL_NOW,
                java.time.Instant.now().plusSeconds(60).toString());
        try {
            for (int i = 0; i < 20; i++) {
                var recount = Api.call("POST", "/v1/tenants/{tenantId}/metrics/recount", Map.of("tenantId", tenant),
                        Api.adminKey(), after == null ? Map.of() : Map.of("after", after));
                assertEquals(200, recount.status(), recount.body());
                events += recount.json().path("events").asInt();
                after = recount.json().path("nextCursor").asText(null);
                if (recount.json().path("done").asBoolean()) {
                    break;
                }
            }
        } finally {
            System.clearProperty(dev.switchboard.shared.config.Settings.LOCAL_NOW);
        }
        assertTrue(events >= 9, "every call's events fed again: " + events);
        assertEquals(before, metrics("?metrics=calls.inbound,calls.answered,calls.missed,calls.voicemail,"
                + "calls.talkTime.total&bucket=hour&from=" + today() + "&to=" + today(), key).body());
    }

    @Test
    void anotherTenantsMetricsAreOutOfReach() {
        String other = Api.newTenant("metrics-other-" + Long.toHexString(System.nanoTime()));
        var refused = metrics("", other);
        assertTrue(refused.status() == 403 || refused.status() == 404, refused.body());
    }
}
