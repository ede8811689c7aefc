package dev.switchboard.shared.flows;

import java.util.Set;

/** What a flow may name outside itself: the account's agents and schedules, as they are now. */
public record FlowContext(Set<String> agentIds, Set<String> scheduleIds) {
    public FlowContext {
        agentIds = Set.copyOf(agentIds);
        scheduleIds = Set.copyOf(scheduleIds);
    }
}
