package dev.switchboard.shared.flows.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.flows.FlowLimits;
import dev.switchboard.shared.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a call stands in its flow between two requests from Twilio. It travels in the URL of the
 * {@code <Gather>} or {@code <Dial>} action Switchboard gives Twilio, and Twilio signs that URL
 * with the rest of its request, so what comes back is what was sent: no store, and a repeated
 * request is answered the same way.
 *
 * @param node      the node waiting for Twilio's answer (a menu, a ring group)
 * @param step      the number the next step of the call's path takes
 * @param visits    how often each menu has been entered on this call (the bound on prompts)
 * @param menus     the menus entered, latest last: where "*" goes back to
 * @param noInput   no-input retries used at the current menu visit
 * @param invalid   invalid entries at the current menu visit
 * @param repeats   repeats asked for at the current menu visit
 * @param ringIndex the agent of an in-order ring group being rung
 */
public record FlowState(String flowId, String node, int step, Map<String, Integer> visits, List<String> menus,
                        int noInput, int invalid, int repeats, int ringIndex) {
    /** Far more than a flow of 100 nodes needs; a longer value is not one Switchboard wrote. */
    private static final int MAX_ENCODED = 6000;
    /** How far "*" can go back: the last few menus, so that the state stays small however long the call. */
    static final int BACK_DEPTH = 6;

    public FlowState {
        visits = Map.copyOf(visits);
        menus = List.copyOf(menus);
    }

    public static FlowState begin(String flowId) {
        return new FlowState(flowId, null, 0, Map.of(), List.of(), 0, 0, 0, 0);
    }

    public int visitsOf(String menu) {
        return visits.getOrDefault(menu, 0);
    }

    FlowState at(String node, int step) {
        return new FlowState(flowId, node, step, visits, menus, noInput, invalid, repeats, ringIndex);
    }

    /** Entering a menu: one more visit, its counters from zero, and it is where "*" returns to. */
    FlowState enteringMenu(String menu, int step) {
        Map<String, Integer> more = new LinkedHashMap<>(visits);
        more.merge(menu, 1, Integer::sum);
        List<String> path = new ArrayList<>(menus);
        if (path.isEmpty() || !path.getLast().equals(menu)) {
            path.add(menu);
        }
        if (path.size() > BACK_DEPTH) {
            path = new ArrayList<>(path.subList(path.size() - BACK_DEPTH, path.size()));
        }
        return new FlowState(flowId, menu, step, more, path, 0, 0, 0, 0);
    }

    /** Going back: the menu left is no longer on the way back. */
    FlowState leavingMenu() {
        return new FlowState(flowId, node, step, visits, menus.isEmpty() ? menus : menus.subList(0, menus.size() - 1),
                noInput, invalid, repeats, ringIndex);
    }

    FlowState counting(int noInput, int invalid, int repeats) {
        return new FlowState(flowId, node, step, visits, menus, noInput, invalid, repeats, ringIndex);
    }

    FlowState ringing(String node, int step, int ringIndex) {
        return new FlowState(flowId, node, step, visits, menus, 0, 0, 0, ringIndex);
    }

    /**
     * Counts within what a run can reach: Twilio brings back only what Switchboard wrote, but a
     * tenant holds its own token and could sign anything; out of range is refused (400), never
     * run, so the validator's bound on prompts holds for every request.
     */
    private boolean plausible() {
        return step >= 0 && step < 10_000 && noInput >= 0 && noInput <= FlowLimits.MAX_RETRIES && invalid >= 0
                && invalid <= FlowLimits.MAX_RETRIES
                && repeats >= 0 && repeats <= FlowEngine.REPEATS && ringIndex >= 0 && ringIndex < FlowLimits.MAX_AGENTS
                && menus.size() <= BACK_DEPTH && visits.size() <= FlowLimits.MAX_NODES
                && visits.values().stream().allMatch(v -> v >= 0 && v <= FlowLimits.MAX_VISITS);
    }

    public String encode() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("f", flowId).put("n", node).put("s", step)
                .put("i", noInput).put("x", invalid).put("r", repeats).put("g", ringIndex);
        ObjectNode v = json.putObject("v");
        visits.forEach(v::put);
        var m = json.putArray("m");
        menus.forEach(m::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when it is not a state Switchboard wrote */
    public static FlowState decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED) {
            throw new IllegalArgumentException("no flow state");
        }
        try {
            JsonNode json = Json.parse(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
            JsonNode v = json.path("v");
            JsonNode m = json.path("m");
            if (!v.isObject() || !m.isArray()) {
                throw new IllegalArgumentException("flow state without its visits or menus");
            }
            Map<String, Integer> visits = new LinkedHashMap<>();
            v.properties().forEach(e -> visits.put(e.getKey(), count(e.getValue())));
            List<String> menus = new ArrayList<>();
            m.forEach(menu -> menus.add(text(menu)));
            FlowState state = new FlowState(text(json.path("f")), text(json.path("n")), count(json.path("s")), visits,
                    menus, count(json.path("i")), count(json.path("x")), count(json.path("r")), count(json.path("g")));
            if (!state.plausible()) {
                throw new IllegalArgumentException("counts out of range");
            }
            return state;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a flow state Switchboard wrote");
        }
    }

    /** A count as written: a whole number in int range, not one read leniently (text, a fraction, a long cut short). */
    private static int count(JsonNode value) {
        if (!value.isInt()) {
            throw new IllegalArgumentException("a count that is not a whole number");
        }
        return value.intValue();
    }

    /** An id as written: text, not a number or an object read as text. */
    private static String text(JsonNode value) {
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException("an id that is not text");
        }
        return value.textValue();
    }
}
