package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.flows.schedules.Schedule;

import java.util.Optional;

/** What a flow refers to by id, looked up for it: the tenant's schedules and agents. */
public interface FlowWorld {
    Optional<Schedule> schedule(String scheduleId);

    /** How to ring the agent: their phone, else their browser; empty when the agent is gone. */
    Optional<Dialable> agent(String agentId);

    /** @param phone the agent's phone (E.164), or null: ring their browser, {@code clientIdentity} */
    record Dialable(String agentId, String phone, String clientIdentity) {
    }
}
