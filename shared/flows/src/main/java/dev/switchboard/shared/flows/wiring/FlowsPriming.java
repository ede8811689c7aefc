package dev.switchboard.shared.flows.wiring;

import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.priming.PrimingFixture;

import java.util.Map;

/**
 * The flows capability's part in SnapStart priming: its table answers with a made-up flow (every
 * kind of node a call can wait at) and a made-up schedule; the rest is tenancy's. The made-up
 * request stands at the flow's menu, so priming runs the menu's rule, the engine and its TwiML.
 */
final class FlowsPriming implements PrimingFixture {
    static final String FLOW = """
            {"name": "Priming", "start": "hours", "operator": "desk", "nodes": {
              "hours": {"type": "hours", "schedule": "priming", "open": "main", "closed": "box"},
              "main": {"type": "menu", "prompt": "Press 1 or say sales.",
                       "options": [{"digits": "1", "keywords": ["sales"], "label": "Sales", "next": "group"},
                                   {"digits": "2", "label": "In turn", "next": "turn"}], "noInput": "box"},
              "group": {"type": "ring", "agents": ["%1$s"], "strategy": "simultaneous", "noAnswer": "box"},
              "turn": {"type": "ring", "agents": ["%1$s"], "strategy": "in-order", "noAnswer": "box"},
              "desk": {"type": "say", "text": "Priming.", "next": "box"},
              "box": {"type": "voicemail", "box": "priming"}}}""".formatted(Priming.AGENT);
    static final String SCHEDULE = """
            {"name": "Priming", "timeZone": "America/New_York", "weekly": {"mon": [{"from": "00:00", "to": "24:00"}]},
             "overrides": [{"yearly": "12-25", "closed": "all-day", "holiday": true, "name": "Priming"}]}""";

    private final PrimingFixture tenancy;
    private final String table;

    FlowsPriming(PrimingFixture tenancy, String table) {
        this.tenancy = tenancy;
        this.table = table;
    }

    @Override
    public void before() {
        tenancy.before();
    }

    @Override
    public Map<String, Object> item(String operation, String body) {
        if (!body.contains("\"" + table + "\"")) {
            return tenancy.item(operation, body);
        }
        boolean schedule = body.contains("schedule#");
        return Map.of("tenantId", s(Priming.TENANT), "key", s(schedule ? "schedule#priming" : "flow#priming"),
                "id", s("priming"), "body", s(schedule ? SCHEDULE : FLOW), "version", Map.of("N", "1"),
                "updatedAt", s("2026-01-01T00:00:00Z"));
    }

    @Override
    public void after() {
        tenancy.after();
    }

    @Override
    public void realRead() {
        tenancy.realRead();
    }

    private static Map<String, String> s(String value) {
        return Map.of("S", value);
    }
}
