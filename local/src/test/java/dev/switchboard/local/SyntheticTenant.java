package dev.switchboard.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.json.Json;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tenant of the synthetic history, made through the API as an app would: its own Twilio account
 * in the simulator, its time zone, four agents and four numbers — a forward with voicemail, a
 * forward without, an agent's browser with voicemail, and a library flow with business hours, a
 * menu whose options ring groups of agents, and a voicemail box.
 */
record SyntheticTenant(String id, String key, String account, String token, String twimlApp, ZoneId zone,
                       List<Agent> agents, List<Line> lines, String flowId, Schedule schedule) {

    /** An agent: their phone, their browser's identity, and the number they call out from (null: none). */
    record Agent(String id, String phone, String identity, String number) {
    }

    /** How a number answers. */
    enum Routing { FORWARD_VOICEMAIL, FORWARD, BROWSER_VOICEMAIL, FLOW }

    /** One of the tenant's numbers. @param agentId the number's agent, null for none */
    record Line(String phone, Routing routing, String agentId) {
    }

    /**
     * The flow's business hours, in the tenant's zone: weekdays 08:00–18:00, Saturday 10:00–14:00,
     * and one holiday.
     */
    record Schedule(String id, ZoneId zone, java.time.LocalDate holiday) {
        boolean open(java.time.Instant at) {
            var local = at.atZone(zone);
            if (local.toLocalDate().equals(holiday)) {
                return false;
            }
            var time = local.toLocalTime();
            return switch (local.getDayOfWeek()) {
                case SATURDAY -> !time.isBefore(java.time.LocalTime.of(10, 0)) && time.isBefore(java.time.LocalTime.of(14, 0));
                case SUNDAY -> false;
                default -> !time.isBefore(java.time.LocalTime.of(8, 0)) && time.isBefore(java.time.LocalTime.of(18, 0));
            };
        }
    }

    static final String MENU = "main";
    static final String SALES = "Sales";
    static final String SUPPORT = "Support";

    Line line(Routing routing) {
        return lines.stream().filter(l -> l.routing() == routing).findFirst().orElseThrow();
    }

    Agent agent(String agentId) {
        return agents.stream().filter(a -> a.id().equals(agentId)).findFirst().orElseThrow();
    }

    /**
     * Creates the tenant with everything above.
     *
     * @param prefix the first five characters of its numbers (+1635 …), which no other test uses
     */
    static SyntheticTenant create(String label, ZoneId zone, String prefix, java.time.LocalDate holiday) {
        String id = "synth-" + label + "-" + Long.toHexString(System.nanoTime());
        String key = Api.newTenant(id);
        String account = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(account, token);
        var connected = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(id), key,
                Map.of("accountSid", account, "authToken", token));
        assertEquals(200, connected.status(), connected.body());
        String app = connected.json().path("twimlAppSid").asText();
        var zoned = Api.call("PATCH", "/v1/tenants/{tenantId}", at(id), key, Map.of("timeZone", zone.getId()));
        assertEquals(200, zoned.status(), zoned.body());

        // Each run its own numbers: the prefix and seven digits from the tenant's id.
        int base = Math.floorMod(id.hashCode(), 1_000_000) * 10;
        List<String> phones = List.of(0, 1, 2, 3).stream().map(i -> phone(prefix, base + i)).toList();
        String identity = id.replace('-', '_');
        List<Agent> agents = List.of(
                new Agent("alice", phone(prefix, base + 5), identity + "_alice", phones.get(0)),
                new Agent("bob", phone(prefix, base + 6), identity + "_bob", phones.get(1)),
                new Agent("carol", phone(prefix, base + 7), identity + "_carol", phones.get(2)),
                new Agent("dave", phone(prefix, base + 8), identity + "_dave", null));
        for (Agent a : agents) {
            var made = Api.call("POST", "/v1/tenants/{tenantId}/agents", at(id), key,
                    Map.of("id", a.id(), "name", a.id(), "phone", a.phone(), "clientIdentity", a.identity()));
            assertEquals(201, made.status(), made.body());
        }
        Schedule schedule = new Schedule("office", zone, holiday);
        var saved = Api.call("POST", "/v1/tenants/{tenantId}/schedules", at(id), key, Json.parse("""
                {"id": "office", "name": "Office hours", "timeZone": "%s", "weekly": {
                  "mon": [{"from": "08:00", "to": "18:00"}], "tue": [{"from": "08:00", "to": "18:00"}],
                  "wed": [{"from": "08:00", "to": "18:00"}], "thu": [{"from": "08:00", "to": "18:00"}],
                  "fri": [{"from": "08:00", "to": "18:00"}], "sat": [{"from": "10:00", "to": "14:00"}]},
                 "overrides": [{"date": "%s", "closed": "all-day", "holiday": true, "name": "Founders Day"}]}"""
                .formatted(zone.getId(), holiday)));
        assertEquals(201, saved.status(), saved.body());
        String flowId = "desk";
        var flow = (ObjectNode) Json.parse("""
                {"name": "Front desk", "start": "hours", "nodes": {
                  "hours": {"type": "hours", "schedule": "office", "open": "main", "closed": "closed", "holiday": "closed"},
                  "main": {"type": "menu", "prompt": "For sales press 1, for support press 2.",
                           "options": [{"digits": "1", "label": "%s", "next": "sales"},
                                       {"digits": "2", "label": "%s", "next": "support"}],
                           "noInput": "box", "invalid": "box", "operator": false},
                  "sales": {"type": "ring", "agents": ["alice", "bob"], "strategy": "simultaneous", "timeoutSeconds": 20,
                            "noAnswer": "box"},
                  "support": {"type": "ring", "agents": ["carol", "dave"], "strategy": "in-order", "timeoutSeconds": 15,
                              "noAnswer": "box"},
                  "closed": {"type": "say", "text": "We are closed.", "next": "box"},
                  "box": {"type": "voicemail", "box": "desk", "agentId": "alice"}}}"""
                .formatted(SALES, SUPPORT));
        var flowSaved = Api.call("POST", "/v1/tenants/{tenantId}/flows", at(id), key, flow.put("id", flowId));
        assertEquals(201, flowSaved.status(), flowSaved.body());

        List<Line> lines = List.of(
                new Line(phones.get(0), Routing.FORWARD_VOICEMAIL, "alice"),
                new Line(phones.get(1), Routing.FORWARD, "bob"),
                new Line(phones.get(2), Routing.BROWSER_VOICEMAIL, "carol"),
                new Line(phones.get(3), Routing.FLOW, null));
        for (Line line : lines) {
            TestStack.twilio().addNumber(account, line.phone());
            Map<String, Object> routing = switch (line.routing()) {
                case FORWARD_VOICEMAIL -> Map.of("mode", "forward", "forwardTo", agents.get(0).phone(),
                        "timeoutSeconds", 20, "voicemail", true);
                case FORWARD -> Map.of("mode", "forward", "forwardTo", agents.get(1).phone(), "timeoutSeconds", 25,
                        "voicemail", false);
                case BROWSER_VOICEMAIL -> Map.of("mode", "client", "timeoutSeconds", 20, "voicemail", true);
                case FLOW -> Map.of("mode", "flow", "flowId", flowId);
            };
            var body = new java.util.LinkedHashMap<String, Object>(Map.of("phoneNumber", line.phone(), "routing", routing));
            if (line.agentId() != null) {
                body.put("agentId", line.agentId());
            }
            var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(id), key, body);
            assertEquals(201, imported.status(), imported.body());
        }
        return new SyntheticTenant(id, key, account, token, app, zone, agents, lines, flowId, schedule);
    }

    private static String phone(String prefix, int digits) {
        return prefix + String.format("%07d", digits);
    }

    private static Map<String, String> at(String tenantId) {
        return Map.of("tenantId", tenantId);
    }
}
