package dev.switchboard.shared.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One bucket of a metric's series: the span [{@code from}, {@code until}) of real time, labelled
 * by where it starts on the tenant's wall clock. Spans follow the clock, not a fixed length: a day
 * is 23 or 25 hours when the clocks change, and the hour that a fall-back repeats is two buckets,
 * told apart by their offsets.
 */
public record Bucket(Granularity granularity, OffsetDateTime start, Instant from, Instant until) {

    public Duration length() {
        return Duration.between(from, until);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}
