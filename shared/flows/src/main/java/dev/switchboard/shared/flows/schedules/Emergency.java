package dev.switchboard.shared.flows.schedules;

import java.time.Instant;
import java.util.Objects;

/**
 * A closure that outranks the schedule (a storm, an outage): from when it is set until
 * {@code until}, or until it is switched off when {@code until} is null. The message is what
 * callers hear.
 */
public record Emergency(String message, Instant until) {
    public Emergency {
        Objects.requireNonNull(message, "message");
    }

    boolean activeAt(Instant t) {
        return until == null || t.isBefore(until);
    }
}
