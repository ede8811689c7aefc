package dev.switchboard.shared.flows.schedules;

import java.time.Instant;

/**
 * A schedule's state at an instant.
 *
 * @param reason the name of the override that closes (may be null when it has none), or the
 *               emergency's message; null when the weekly hours and extra hours alone decide
 * @param nextChangeAt the first later instant at which the state or the reason differs; null when
 *                     none comes within 400 days (a schedule open around the clock, say)
 */
public record ScheduleStatus(OpenState state, String reason, Instant nextChangeAt) {
    public boolean open() {
        return state == OpenState.OPEN;
    }
}
