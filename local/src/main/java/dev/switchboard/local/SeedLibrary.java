package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowContext;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.flows.schedules.InvalidSchedule;
import dev.switchboard.shared.flows.schedules.Schedule;
import dev.switchboard.shared.flows.schedules.ScheduleJson;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A seed tenant's schedules and flows, held to the API's rules (so the demo's flows are ones it would save). */
final class SeedLibrary {
    private SeedLibrary() {
    }

    /** @return the tenant's flow ids; each checked item added to {@code library} */
    static Set<String> check(String at, String tenantId, List<ObjectNode> schedules, List<ObjectNode> flows,
                             Set<String> agentIds, List<Seed.LibraryEntry> library) {
        Set<String> scheduleIds = new HashSet<>();
        List<ObjectNode> given = schedules == null ? List.of() : schedules;
        for (int i = 0; i < given.size(); i++) {
            String where = at + ".schedules[" + i + "]";
            ObjectNode body = given.get(i).deepCopy();
            String id = id(where, body);
            try {
                Schedule schedule = ScheduleJson.read(body, id);
                library.add(new Seed.LibraryEntry(tenantId, LibraryItem.Kind.SCHEDULE, id, ScheduleJson.write(schedule)));
            } catch (InvalidSchedule e) {
                throw new Seed.Invalid(where + "." + e.path() + ": " + e.getMessage());
            }
            if (!scheduleIds.add(id)) {
                throw new Seed.Invalid(where + ".id: schedule '" + id + "' appears twice");
            }
        }
        Set<String> flowIds = new HashSet<>();
        List<ObjectNode> flowsGiven = flows == null ? List.of() : flows;
        for (int i = 0; i < flowsGiven.size(); i++) {
            String where = at + ".flows[" + i + "]";
            ObjectNode body = flowsGiven.get(i).deepCopy();
            String id = id(where, body);
            var problems = dev.switchboard.shared.flows.FlowRules.problems(body, id, new FlowContext(agentIds, scheduleIds));
            if (!problems.isEmpty()) {
                throw new Seed.Invalid(where + "." + problems.getFirst().path() + ": " + problems.getFirst().message());
            }
            Flow flow = FlowJson.read(body, id);
            if (!flowIds.add(id)) {
                throw new Seed.Invalid(where + ".id: flow '" + id + "' appears twice");
            }
            library.add(new Seed.LibraryEntry(tenantId, LibraryItem.Kind.FLOW, id, FlowJson.write(flow)));
        }
        return flowIds;
    }

    /** A number's own flow, held to the same rules with the tenant's schedules. */
    static void checkOwn(String where, ObjectNode flow, Set<String> agentIds, List<Seed.LibraryEntry> library,
                         String tenantId) {
        Set<String> scheduleIds = new HashSet<>();
        library.stream().filter(e -> e.tenantId().equals(tenantId) && e.kind() == LibraryItem.Kind.SCHEDULE)
                .forEach(e -> scheduleIds.add(e.id()));
        dev.switchboard.shared.flows.FlowRules.firstProblem(flow, new FlowContext(agentIds, scheduleIds))
                .ifPresent(p -> {
                    throw new Seed.Invalid(where + "." + p.path() + ": " + p.message());
                });
    }

    private static String id(String where, ObjectNode body) {
        JsonNode id = body.remove("id");
        if (id == null || !id.isTextual() || !id.asText().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new Seed.Invalid(where + ".id is required: 1 to 64 letters, digits, _ or -");
        }
        return id.asText();
    }
}
