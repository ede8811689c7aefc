package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.twilio.CallerInput;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows end to end through the Twilio simulator: business hours' branches, every way out of a
 * menu, ring groups rung at once and in order with their no-answer path to voicemail, and what is
 * kept (the call's path, the ivr.selection events).
 */
class FlowsTest {
    private static final Pattern CALL_SID = Pattern.compile("call (CA[0-9a-f]{32}) ");
    private static final String ALICE_PHONE = "+15005550181";
    private static final String BOB_PHONE = "+15005550182";
    private static String key;
    private static String number;

    private record Played(int exitCode, String timeline, String callSid) {
        JsonNode call() {
            return Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                    Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null).json();
        }

        List<String> path() {
            List<String> steps = new ArrayList<>();
            call().path("path").forEach(s -> steps.add(s.path("node").asText()
                    + (s.path("branch").isNull() ? "" : "(" + s.path("branch").asText() + ")")));
            return steps;
        }

        long prompts(String text) {
            return timeline.lines().filter(l -> l.contains("<Say> \"" + text)).count();
        }
    }

    @BeforeAll
    static void numberOfItsOwn() {
        TestStack.get();
        var made = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "flows tests"));
        key = made.json().path("key").asText();
        // A number of the demo account, imported into Switchboard by the API as a tenant would.
        number = "+1632" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(Demo.ACME_ACCOUNT, number);
        flow("plain", """
                {"name": "plain", "start": "hi", "nodes": {"hi": {"type": "say", "text": "Hello."}}}""");
        var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", Map.of("tenantId", Demo.ACME), key,
                Map.of("phoneNumber", number, "routing", Map.of("mode", "flow", "flowId", "plain")));
        assertEquals(201, imported.status(), imported.body());
    }

    private static void flow(String id, String json) {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(json);
        var existing = Api.call("GET", "/v1/tenants/{tenantId}/flows/{flowId}", Map.of("tenantId", Demo.ACME, "flowId", id),
                key, null);
        var saved = existing.status() == 404
                ? Api.call("POST", "/v1/tenants/{tenantId}/flows", Map.of("tenantId", Demo.ACME), key, body.put("id", id))
                : Api.call("PUT", "/v1/tenants/{tenantId}/flows/{flowId}", Map.of("tenantId", Demo.ACME, "flowId", id),
                        key, body);
        assertTrue(saved.status() == 200 || saved.status() == 201, saved.body());
    }

    private static void route(String flowId) {
        var routed = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", Demo.ACME, "phoneNumber", number), key,
                Map.of("routing", Map.of("mode", "flow", "flowId", flowId)));
        assertEquals(200, routed.status(), routed.body());
    }

    private static void schedule(String id, String json) {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(json);
        var existing = Api.call("GET", "/v1/tenants/{tenantId}/schedules/{scheduleId}",
                Map.of("tenantId", Demo.ACME, "scheduleId", id), key, null);
        var saved = existing.status() == 404
                ? Api.call("POST", "/v1/tenants/{tenantId}/schedules", Map.of("tenantId", Demo.ACME), key, body.put("id", id))
                : Api.call("PUT", "/v1/tenants/{tenantId}/schedules/{scheduleId}",
                        Map.of("tenantId", Demo.ACME, "scheduleId", id), key, body);
        assertTrue(saved.status() == 200 || saved.status() == 201, saved.body());
    }

    private static Played call(String outcome, CallerInput... inputs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulatorClient.play(new Arguments.Simulate("call", TestStack.twilio().baseUrl(), Demo.CALLER, number,
                outcome, null, "", List.of(), null, null, List.of(inputs)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String timeline = out.toString(StandardCharsets.UTF_8);
        Matcher sid = CALL_SID.matcher(timeline);
        assertTrue(sid.find(), timeline);
        TestStack.get().eventSources().drain();
        return new Played(code, timeline, sid.group(1));
    }

    private static CallerInput press(String digits) {
        return CallerInput.digits(digits);
    }

    private static final String MENU = """
            {"name": "menu", "start": "main", "operator": "desk", "nodes": {
              "main": {"type": "menu", "prompt": "Press 1 for sales, 2 for support.",
                       "options": [{"digits": "1", "keywords": ["sales"], "label": "Sales", "next": "sales"},
                                   {"digits": "2", "keywords": ["support"], "label": "Support", "next": "support"},
                                   {"digits": "3", "label": "More", "next": "more"}],
                       "noInput": "nobody", "invalid": "confused"},
              "more": {"type": "menu", "prompt": "Press 4 for billing.",
                       "options": [{"digits": "4", "label": "Billing", "next": "billing"}], "noInput": "nobody"},
              "sales": {"type": "say", "text": "Sales it is."},
              "support": {"type": "say", "text": "Support it is."},
              "billing": {"type": "say", "text": "Billing it is."},
              "desk": {"type": "say", "text": "The operator."},
              "nobody": {"type": "say", "text": "We did not hear you."},
              "confused": {"type": "say", "text": "Let us try another way."}}}""";

    @Test
    void eachMenuOptionByKeyOrWordAndTheOperatorAndBack() throws Exception {
        flow("menu", MENU);
        route("menu");
        var sales = call("answered", press("1"));
        assertEquals(0, sales.exitCode(), sales.timeline());
        assertTrue(sales.timeline().contains("<Gather input=dtmf speech numDigits=1 timeout=5> caller presses 1"), sales.timeline());
        assertEquals(1, sales.prompts("Sales it is."), sales.timeline());
        assertEquals(List.of("main(1: Sales)", "sales"), sales.path());

        var support = call("answered", CallerInput.speech("I need support please"));
        assertEquals(1, support.prompts("Support it is."), support.timeline());
        var selection = EventsQueue.forCall(DomainEvent.IVR_SELECTION, support.callSid());
        assertEquals(1, selection.size(), selection.toString());
        JsonNode p = selection.getFirst().path("payload");
        assertEquals("menu", p.path("flowId").asText());
        assertEquals("main", p.path("menu").asText());
        assertEquals("option", p.path("choice").asText());
        assertEquals("Support", p.path("label").asText());
        assertEquals("I need support please", p.path("speech").asText());
        assertEquals("support", p.path("next").asText());

        var operator = call("answered", press("0"));
        assertEquals(1, operator.prompts("The operator."), operator.timeline());
        assertEquals(List.of("main(operator)", "desk"), operator.path());

        // Into the submenu, "*" back, then an option of the first menu.
        var back = call("answered", press("3"), press("*"), press("2"));
        assertEquals(List.of("main(3: More)", "more(back)", "main(2: Support)", "support"), back.path());
        assertEquals(2, back.prompts("Press 1 for sales"), back.timeline());
        // Events of one call may arrive in any order: their steps order them.
        assertEquals(List.of("option", "back", "option"), EventsQueue.forCall(DomainEvent.IVR_SELECTION, back.callSid())
                .stream().sorted(java.util.Comparator.comparingInt(e -> e.path("payload").path("step").asInt()))
                .map(e -> e.path("payload").path("choice").asText()).toList());
    }

    @Test
    void noInputAndInvalidInputGoToTheirExitsAndAreCountedApart() throws Exception {
        flow("menu", MENU);
        route("menu");
        var silent = call("answered");
        // The prompt once, then three no-input retries, then the exit: never a loop.
        assertEquals(4, silent.prompts("Press 1 for sales"), silent.timeline());
        assertEquals(1, silent.prompts("We did not hear you."), silent.timeline());
        assertEquals(List.of("main(no-input)", "nobody"), silent.path());

        var wrong = call("answered", press("7"), press("8"), press("7"), press("8"));
        assertEquals(3, wrong.prompts("Sorry, that is not one of the choices."), wrong.timeline());
        assertEquals(1, wrong.prompts("Let us try another way."), wrong.timeline());
        assertEquals(List.of("main(invalid)", "confused"), wrong.path());

        // An invalid entry does not use a no-input retry: three silences after it still leave room for a choice.
        var both = call("answered", press("7"), CallerInput.SILENCE, CallerInput.SILENCE, CallerInput.SILENCE, press("1"));
        assertEquals(List.of("main(1: Sales)", "sales"), both.path(), both.timeline());

        // Asking for the prompt again (9) replays it without counting against anything.
        var repeat = call("answered", press("9"), press("2"));
        assertEquals(2, repeat.prompts("Press 1 for sales"), repeat.timeline());
        assertEquals(List.of("main(2: Support)", "support"), repeat.path());
    }

    @Test
    void businessHoursTakeTheOpenClosedHolidayAndEmergencyBranches() throws Exception {
        schedule("hours-test", """
                {"name": "always", "timeZone": "America/St_Johns", "weekly": {
                  "mon": [{"from": "00:00", "to": "24:00"}], "tue": [{"from": "00:00", "to": "24:00"}],
                  "wed": [{"from": "00:00", "to": "24:00"}], "thu": [{"from": "00:00", "to": "24:00"}],
                  "fri": [{"from": "00:00", "to": "24:00"}], "sat": [{"from": "00:00", "to": "24:00"}],
                  "sun": [{"from": "00:00", "to": "24:00"}]}}""");
        flow("hours", """
                {"name": "hours", "start": "hours", "nodes": {
                  "hours": {"type": "hours", "schedule": "hours-test", "open": "open", "closed": "closed",
                            "holiday": "holiday", "emergency": "emergency"},
                  "open": {"type": "say", "text": "We are open."},
                  "closed": {"type": "say", "text": "We are closed."},
                  "holiday": {"type": "say", "text": "Happy holidays."},
                  "emergency": {"type": "say", "text": "Emergency closing."}}}""");
        route("hours");
        assertEquals(List.of("hours(open)", "open"), call("answered").path());

        schedule("hours-test", """
                {"name": "never", "timeZone": "Asia/Kolkata", "weekly": {}}""");
        assertEquals(List.of("hours(closed)", "closed"), call("answered").path());

        // Today, in the schedule's zone, is a holiday (and yesterday and tomorrow, for a zone far from UTC).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder overrides = new StringBuilder();
        for (int d = -1; d <= 1; d++) {
            overrides.append(d == -1 ? "" : ",").append("{\"date\": \"").append(today.plusDays(d))
                    .append("\", \"closed\": \"all-day\", \"holiday\": true, \"name\": \"Founders Day\"}");
        }
        schedule("hours-test", """
                {"name": "holiday", "timeZone": "Australia/Sydney", "weekly": {
                  "mon": [{"from": "00:00", "to": "24:00"}], "tue": [{"from": "00:00", "to": "24:00"}],
                  "wed": [{"from": "00:00", "to": "24:00"}], "thu": [{"from": "00:00", "to": "24:00"}],
                  "fri": [{"from": "00:00", "to": "24:00"}], "sat": [{"from": "00:00", "to": "24:00"}],
                  "sun": [{"from": "00:00", "to": "24:00"}]},
                  "overrides": [%s]}""".formatted(overrides));
        var holiday = call("answered");
        assertEquals(List.of("hours(holiday)", "holiday"), holiday.path());
        var status = Api.call("GET", "/v1/tenants/{tenantId}/schedules/{scheduleId}/status",
                Map.of("tenantId", Demo.ACME, "scheduleId", "hours-test"), key, null).json();
        assertEquals("holiday", status.path("state").asText());
        assertEquals("Founders Day", status.path("reason").asText());
        assertFalse(status.path("nextChangeAt").isNull(), status.toString());

        var on = Api.call("PUT", "/v1/tenants/{tenantId}/schedules/{scheduleId}/emergency",
                Map.of("tenantId", Demo.ACME, "scheduleId", "hours-test"), key,
                Map.of("message", "The office is closed because of the storm."));
        assertEquals(200, on.status(), on.body());
        var emergency = call("answered");
        assertEquals(List.of("hours(emergency)", "emergency"), emergency.path());
        assertEquals(1, emergency.prompts("The office is closed because of the storm."), emergency.timeline());
        assertEquals(200, Api.call("DELETE", "/v1/tenants/{tenantId}/schedules/{scheduleId}/emergency",
                Map.of("tenantId", Demo.ACME, "scheduleId", "hours-test"), key, null).status());
        assertEquals(List.of("hours(holiday)", "holiday"), call("answered").path());
    }

    private static final String GROUPS = """
            {"name": "groups", "start": "main", "nodes": {
              "main": {"type": "menu", "prompt": "Press 1 for everyone, 2 for one at a time.",
                       "options": [{"digits": "1", "label": "Together", "next": "together"},
                                   {"digits": "2", "label": "In turn", "next": "in-turn"}], "noInput": "box"},
              "together": {"type": "ring", "agents": ["alice", "bob"], "strategy": "simultaneous", "timeoutSeconds": 10,
                           "noAnswer": "box"},
              "in-turn": {"type": "ring", "agents": ["bob", "alice"], "strategy": "in-order", "timeoutSeconds": 7,
                          "noAnswer": "box"},
              "box": {"type": "voicemail", "prompt": "Leave it for Bob.", "box": "team", "agentId": "bob"}}}""";

    @Test
    void ringGroupsRingTogetherOrInTurnAndFallToVoicemail() throws Exception {
        flow("groups", GROUPS);
        route("groups");
        var together = call("answered", press("1"));
        assertTrue(together.timeline().contains("Number " + ALICE_PHONE + ", Number " + BOB_PHONE + " -> answered"),
                together.timeline());
        assertEquals(List.of("main(1: Together)", "together(answered)"), together.path());

        var nobody = call("no-answer", press("1"));
        assertEquals(List.of("main(1: Together)", "together(no-answer)", "box(team)"), nobody.path());
        assertEquals(1, nobody.prompts("Leave it for Bob."), nobody.timeline());
        var voicemail = TestStack.repositories().voicemails().get(Demo.ACME, nobody.callSid()).orElseThrow();
        assertEquals("bob", voicemail.agentId(), "the box's inbox");

        // In turn: Bob does not answer, Alice does.
        TestStack.twilio().answer(BOB_PHONE, "no-answer");
        try {
            var inTurn = call("answered", press("2"));
            int bob = inTurn.timeline().indexOf("Number " + BOB_PHONE + " -> no-answer");
            int alice = inTurn.timeline().indexOf("Number " + ALICE_PHONE + " -> answered");
            assertTrue(bob >= 0 && alice > bob, inTurn.timeline());
            assertEquals(List.of("main(2: In turn)", "in-turn(answered)"), inTurn.path());
        } finally {
            TestStack.twilio().answer(BOB_PHONE, "answered");
        }
        var neither = call("no-answer", press("2"));
        assertEquals(2, neither.timeline().lines().filter(l -> l.contains("<Dial") && l.contains("timeout=7")).count(),
                neither.timeline());
        assertEquals(List.of("main(2: In turn)", "in-turn(no-answer)", "box(team)"), neither.path());
    }

    @Test
    void aRepeatedRequestFromTwilioIsAnsweredAgainAndRecordsNothingTwice() throws Exception {
        flow("menu", MENU);
        route("menu");
        var played = call("answered", press("1"));
        JsonNode gather = null;
        for (JsonNode event : played.call().path("events")) {
            if (event.path("kind").asText().equals("flow-gather")) {
                gather = event;
            }
        }
        assertTrue(gather != null, played.call().toString());
        // Twilio delivers the same Gather action again (a retry, a duplicate), and once more at the same time.
        Map<String, String> params = new java.util.LinkedHashMap<>();
        gather.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        String state = params.remove("FlowState");
        String path = "/twilio/voice/flow?phase=gather&s=" + state;
        var first = SignedWebhooks.post(path, params, Demo.ACME_TOKEN);
        var twice = java.util.concurrent.CompletableFuture.supplyAsync(() -> SignedWebhooks.post(path, params, Demo.ACME_TOKEN));
        var third = SignedWebhooks.post(path, params, Demo.ACME_TOKEN);
        assertEquals(200, first.status(), first.body());
        assertEquals(first.body(), twice.get().body(), "answered the same way");
        assertEquals(first.body(), third.body());
        assertTrue(first.body().contains("Sales it is."), first.body());
        TestStack.get().eventSources().drain();
        assertEquals(List.of("main(1: Sales)", "sales"), played.path(), "no step twice");
        assertEquals(1, EventsQueue.forCall(DomainEvent.IVR_SELECTION, played.callSid()).size(), "one ivr.selection");
        long gathers = 0;
        for (JsonNode event : played.call().path("events")) {
            gathers += event.path("kind").asText().equals("flow-gather") ? 1 : 0;
        }
        assertEquals(1, gathers, "one log entry");
        // A state Switchboard did not write (here: counts out of range) is refused, never run.
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"f\":\"menu\",\"n\":\"main\",\"s\":0,\"i\":-9,\"x\":0,\"r\":0,\"g\":0,\"v\":{},\"m\":[]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, SignedWebhooks.post("/twilio/voice/flow?phase=gather&s=" + forged, params, Demo.ACME_TOKEN)
                .status());
        // Another tenant's flow is not found by this account's request: the call ends politely.
        var globex = SignedWebhooks.post(path, Map.of("AccountSid", Demo.GLOBEX_ACCOUNT, "CallSid", played.callSid(),
                "CallStatus", "in-progress", "Digits", "1", "From", Demo.CALLER, "To", number), Demo.GLOBEX_TOKEN);
        assertEquals(200, globex.status(), globex.body());
        assertFalse(globex.body().contains("Sales it is."), globex.body());
    }

    @Test
    void noInputAndInvalidExitsAreSelectionsToo() throws Exception {
        flow("menu", MENU);
        route("menu");
        var silent = call("answered");
        var wrong = call("answered", press("7"), press("8"), press("7"), press("8"));
        assertEquals(List.of("no-input"), choices(silent.callSid()));
        assertEquals(List.of("invalid"), choices(wrong.callSid()));
        // The submenu's only option, by key; the first menu's option by word.
        var billing = call("answered", press("3"), press("4"));
        assertEquals(List.of("main(3: More)", "more(4: Billing)", "billing"), billing.path());
        var sales = call("answered", CallerInput.speech("sales"));
        assertEquals(List.of("main(1: Sales)", "sales"), sales.path());
    }

    private static List<String> choices(String callSid) {
        return EventsQueue.forCall(DomainEvent.IVR_SELECTION, callSid).stream()
                .map(e -> e.path("payload").path("choice").asText()).toList();
    }

    @Test
    void theValidatorRefusesEachKindOfBadFlowWithTheNodesPath() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("nodes.main.options[0].next", """
                {"name": "x", "start": "main", "nodes": {"main": {"type": "menu", "prompt": "P",
                 "options": [{"digits": "1", "label": "A", "next": "nowhere"}], "noInput": "bye"}, "bye": {"type": "hangup"}}}""");
        bad.put("nodes.lost", """
                {"name": "x", "start": "bye", "nodes": {"bye": {"type": "hangup"}, "lost": {"type": "say", "text": "Hi"}}}""");
        bad.put("nodes.main.options[1].digits", """
                {"name": "x", "start": "main", "nodes": {"main": {"type": "menu", "prompt": "P",
                 "options": [{"digits": "1", "label": "A", "next": "bye"}, {"digits": "1", "label": "B", "next": "bye"}],
                 "noInput": "bye"}, "bye": {"type": "hangup"}}}""");
        bad.put("nodes.a", """
                {"name": "x", "start": "a", "nodes": {"a": {"type": "say", "text": "A", "next": "b"},
                 "b": {"type": "say", "text": "B", "next": "a"}}}""");
        bad.put("nodes.r.agents[0]", """
                {"name": "x", "start": "r", "nodes": {"r": {"type": "ring", "agents": ["nobody-here"]}}}""");
        for (var e : bad.entrySet()) {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(e.getValue());
            var refused = Api.call("POST", "/v1/tenants/{tenantId}/flows", Map.of("tenantId", Demo.ACME), key,
                    body.put("id", "bad-" + Integer.toHexString(e.getKey().hashCode())));
            assertEquals(422, refused.status(), e.getKey() + ": " + refused.body());
            assertTrue(refused.json().path("error").path("field").asText().startsWith(e.getKey()),
                    e.getKey() + " named: " + refused.body());
        }
        // Nesting: six menus deep.
        StringBuilder deep = new StringBuilder("{\"name\": \"x\", \"start\": \"m1\", \"nodes\": {");
        for (int i = 1; i <= 6; i++) {
            deep.append("\"m").append(i).append("\": {\"type\": \"menu\", \"prompt\": \"P\", \"options\": [{\"digits\": \"1\", ")
                    .append("\"label\": \"Next\", \"next\": \"").append(i < 6 ? "m" + (i + 1) : "bye").append("\"}], ")
                    .append("\"noInput\": \"bye\"},");
        }
        deep.append("\"bye\": {\"type\": \"hangup\"}}}");
        var tooDeep = Api.call("POST", "/v1/tenants/{tenantId}/flows", Map.of("tenantId", Demo.ACME), key,
                ((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(deep.toString())).put("id", "too-deep"));
        assertEquals(422, tooDeep.status(), tooDeep.body());
        assertTrue(tooDeep.json().path("error").path("field").asText().startsWith("nodes.m6"), tooDeep.body());
        // A number cannot be routed to a flow that is not there.
        var routed = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", Demo.ACME, "phoneNumber", number), key,
                Map.of("routing", Map.of("mode", "flow", "flowId", "no-such-flow")));
        assertEquals(422, routed.status(), routed.body());
    }

    @Test
    void aNumberMayHaveItsOwnFlowThroughTheNumbersApi() throws Exception {
        var own = Map.of("name", "Own", "start", "menu", "nodes", Map.of(
                "menu", Map.of("type", "menu", "prompt", "Press 5 for the shop.",
                        "options", List.of(Map.of("digits", "5", "label", "Shop", "next", "shop")), "noInput", "bye"),
                "shop", Map.of("type", "say", "text", "The shop is open."),
                "bye", Map.of("type", "hangup")));
        var routed = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", Demo.ACME, "phoneNumber", number), key, Map.of("routing", Map.of("mode", "flow", "flow", own)));
        assertEquals(200, routed.status(), routed.body());
        assertEquals("Shop", routed.json().path("routing").path("flow").path("nodes").path("menu").path("options")
                .get(0).path("label").asText());
        var played = call("answered", press("5"));
        assertEquals(List.of("menu(5: Shop)", "shop"), played.path());
        assertEquals("@" + number, EventsQueue.forCall(DomainEvent.IVR_SELECTION, played.callSid()).getFirst()
                .path("payload").path("flowId").asText());
        var looping = Map.of("name", "Loop", "start", "a", "nodes", Map.of(
                "a", Map.of("type", "say", "text", "A", "next", "b"), "b", Map.of("type", "say", "text", "B", "next", "a")));
        var refused = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", Demo.ACME, "phoneNumber", number), key, Map.of("routing", Map.of("mode", "flow", "flow", looping)));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.json().path("error").path("field").asText().startsWith("routing.flow.nodes."), refused.body());
    }

    @Test
    void anotherTenantsFlowsAndSchedulesAreNotThere() {
        String other = Api.newTenant("flows-" + Long.toHexString(System.nanoTime()));
        flow("menu", MENU);
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/flows/{flowId}", Map.of("tenantId", Demo.ACME,
                "flowId", "menu"), other, null).status());
        assertEquals(404, Api.call("DELETE", "/v1/tenants/{tenantId}/flows/{flowId}", Map.of("tenantId", Demo.ACME,
                "flowId", "menu"), other, null).status());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/schedules/{scheduleId}", Map.of("tenantId", Demo.ACME,
                "scheduleId", "office"), other, null).status());
        assertEquals(404, Api.call("PUT", "/v1/tenants/{tenantId}/schedules/{scheduleId}/emergency",
                Map.of("tenantId", Demo.ACME, "scheduleId", "office"), other, Map.of("message", "Closed by another tenant"))
                .status());
        assertEquals("open", Api.call("GET", "/v1/tenants/{tenantId}/schedules/{scheduleId}/status",
                Map.of("tenantId", Demo.ACME, "scheduleId", "office"), "?at=2026-12-07T15:00:00Z", key, null).json()
                .path("state").asText(), "acme's office is open on a Monday at 10:00 in New York, no emergency set");
        assertEquals(409, Api.call("DELETE", "/v1/tenants/{tenantId}/flows/{flowId}", Map.of("tenantId", Demo.ACME,
                "flowId", "main-line"), key, null).status(), "a flow a number runs is not deleted");
        assertEquals(409, Api.call("DELETE", "/v1/tenants/{tenantId}/schedules/{scheduleId}", Map.of("tenantId", Demo.ACME,
                "scheduleId", "office"), key, null).status(), "a schedule a flow uses is not deleted");
    }
}
