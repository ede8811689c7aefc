package dev.switchboard.shared.analytics.facts;

import java.time.Instant;
import java.util.List;

/**
 * A call as its events tell it.
 *
 * @param startedAt   when {@code call.started} occurred; null until it is seen (the call is not counted before)
 * @param number      the tenant's number on the call: the one called (inbound) or calling (outbound)
 * @param finalStatus the final status a {@code call.status-changed} reported, or null while it lasts
 * @param talkSeconds from the agent's answer to the end, once both are known
 * @param afterHours  a flow found its schedule not open (closed, holiday or emergency)
 * @param selections  the menus the caller left, in the order of the call's path
 */
public record CallFact(String tenantId, String subject, List<MetricEvent> events, String callSid,
                       Instant startedAt, String direction, String number, String agentId, String routing,
                       Instant answeredAt, Instant endedAt, Integer durationSeconds, String finalStatus,
                       String missedReason, boolean voicemail, boolean afterHours, List<Selection> selections)
        implements Fact {

    /** One menu left: the flow, the menu node, and how ({@code option} with its label, or another choice). */
    public record Selection(int step, String flowId, String menu, String choice, String label) {
        /** The option as a funnel shows it: the label when an option was chosen, else the choice. */
        public String option() {
            return "option".equals(choice) && label != null ? label : choice;
        }
    }

    public boolean inbound() {
        return "inbound".equals(direction);
    }

    public boolean answered() {
        return answeredAt != null;
    }

    public boolean ended() {
        return finalStatus != null;
    }
}
