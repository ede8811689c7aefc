package dev.switchboard.shared.flows;

import java.util.Set;

/** What a flow may name outside itself: the account's agents and schedules, as they are now. */
public record FlowContext(Set<String> agentIds, Set<String> scheduleIds) {
    public FlowContext {
        agentIds = Set.copyOf(agentIds);
        scheduleIds = Set.copyOf(scheduleIds);
    }

    /** The tenant's agents and its library's schedules, as they are now: what a flow is saved against. */
    public static FlowContext of(String tenantId, dev.switchboard.shared.tenancy.Agents agents,
                                 dev.switchboard.shared.flows.library.FlowLibrary library) {
        return new FlowContext(agents.ids(tenantId), library.list(tenantId,
                dev.switchboard.shared.flows.library.LibraryItem.Kind.SCHEDULE).stream()
                .map(dev.switchboard.shared.flows.library.LibraryItem::id).collect(java.util.stream.Collectors.toSet()));
    }
}
