package dev.switchboard.shared.flows;

import dev.switchboard.shared.twilio.PhoneNumbers;

import java.util.List;
import java.util.Objects;

/**
 * Rings a group of agents, or one outside number.
 *
 * @param agents         agent ids, in the order IN_ORDER rings them; empty when {@code phone} is set
 * @param phone          an E.164 number to ring instead of agents; null when agents are set
 * @param timeoutSeconds 5 to 600: each agent's in IN_ORDER, the whole group's in SIMULTANEOUS
 * @param noAnswer       where the call goes when no one answers; null: it hangs up
 * @param record         whether the answered call is recorded
 */
public record Ring(String id, List<String> agents, String phone, RingStrategy strategy, int timeoutSeconds,
                   String noAnswer, boolean record) implements FlowNode {
    public Ring {
        Objects.requireNonNull(id, "id");
        agents = agents == null ? List.of() : List.copyOf(agents);
        Objects.requireNonNull(strategy, "strategy");
        // One or the other: a group that is both would ring someone the flow's author did not see.
        if (agents.isEmpty() == (phone == null)) {
            throw new IllegalArgumentException("A ring group rings either agents or a phone number, not "
                    + (phone == null ? "neither" : "both"));
        }
        if (phone != null) {
            PhoneNumbers.requireE164(phone, "phone");
        }
        FlowLimits.requireRange("timeoutSeconds", timeoutSeconds, FlowLimits.MIN_RING_TIMEOUT,
                FlowLimits.MAX_RING_TIMEOUT);
    }
}
