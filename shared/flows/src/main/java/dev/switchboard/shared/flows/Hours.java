package dev.switchboard.shared.flows;

import java.util.Objects;

/**
 * Business hours: the call goes one way or another by the state of a schedule at the moment it
 * comes in.
 *
 * @param holiday   where a call goes on the schedule's holidays; null: {@code closed}
 * @param emergency where a call goes while the schedule is closed for an emergency; null:
 *                  {@code closed}. The schedule's emergency message is spoken first either way.
 */
public record Hours(String id, String scheduleId, String open, String closed, String holiday, String emergency)
        implements FlowNode {
    public Hours {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(closed, "closed");
    }

    /** Where a holiday call goes, the fallback filled in. */
    public String holidayOrClosed() {
        return holiday == null ? closed : holiday;
    }

    /** Where an emergency call goes, the fallback filled in. */
    public String emergencyOrClosed() {
        return emergency == null ? closed : emergency;
    }
}
