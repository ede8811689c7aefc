package dev.switchboard.api.numbers;

import dev.switchboard.shared.flows.FlowContext;
import dev.switchboard.shared.flows.FlowRules;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.tenancy.Agents;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A number's own flow, held to the rules of a library flow: its agents and schedules are the tenant's. */
record NumberFlows(FlowLibrary library, Agents agents) implements NumbersApi.FlowCheck {

    @Override
    public Optional<Map.Entry<String, String>> check(String tenantId, String flowJson) {
        Set<String> agentIds = new HashSet<>();
        String cursor = null;
        do {
            var page = agents.list(tenantId, cursor, 100);
            page.items().forEach(a -> agentIds.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        Set<String> scheduleIds = library.list(tenantId, LibraryItem.Kind.SCHEDULE).stream().map(LibraryItem::id)
                .collect(Collectors.toSet());
        return FlowRules.firstProblem(Json.parse(flowJson), new FlowContext(agentIds, scheduleIds))
                .map(p -> Map.entry(p.path(), p.message()));
    }
}
