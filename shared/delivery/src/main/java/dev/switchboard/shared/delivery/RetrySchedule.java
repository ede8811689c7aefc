package dev.switchboard.shared.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a delivery is tried again: the Standard Webhooks schedule (immediately, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h: ten attempts over about three days), each wait
 * stretched by up to a tenth at random so that an endpoint that comes back is not met by every
 * delivery at once. A receiver's {@code Retry-After} (429, 503) is honoured when it asks for longer.
 * Tests compress the schedule by a factor; a receiver's Retry-After is honoured as asked all the same.
 */
public final class RetrySchedule {
    /** The wait before each attempt; the first is immediate. */
    public static final List<Duration> WAITS = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    /** The longest wait a receiver's Retry-After may ask for: the schedule's own longest. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final double compression;
    private final DoubleSupplier random;

    private RetrySchedule(double compression, DoubleSupplier random) {
        this.compression = compression;
        this.random = random;
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(1, Math::random);
    }

    /** The same schedule, every wait divided by {@code factor} (the local stack's tests). */
    public static RetrySchedule compressed(double factor, DoubleSupplier random) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("a schedule is compressed by a factor of 1 or more");
        }
        return new RetrySchedule(factor, random);
    }

    /**
     * The longest an event may still be in its retries: every wait at its most. An event that
     * occurred this long before an endpoint began failing may still have been missed by it.
     */
    public Duration span() {
        long millis = WAITS.stream().mapToLong(Duration::toMillis).sum();
        return Duration.ofMillis((long) (millis * 1.1 / compression));
    }

    public int attempts() {
        return WAITS.size();
    }

    /**
     * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed, or
     * empty when that was the last.
     */
    public Optional<Duration> after(int attempt, Optional<Duration> retryAfter) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (attempt >= WAITS.size()) {
            return Optional.empty();
        }
        Duration wait = WAITS.get(attempt);
        long millis = wait.toMillis() + (long) (wait.toMillis() * 0.1 * random.getAsDouble());
        Duration scheduled = Duration.ofMillis((long) (millis / compression));
        // The receiver's own ask is never compressed: a test's receiver asks for what it can wait.
        return Optional.of(retryAfter.map(asked -> {
            Duration capped = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
            return capped.compareTo(scheduled) > 0 ? capped : scheduled;
        }).orElse(scheduled));
    }
}
