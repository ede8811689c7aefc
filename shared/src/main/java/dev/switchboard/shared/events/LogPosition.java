package dev.switchboard.shared.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An event's place in its tenant's log: the moment its transaction was sent, at a fixed width of
 * nine fraction digits (so that positions sort as times, which {@code Instant.toString()} with its
 * 0, 3, 6 or 9 digits does not), then {@code #} and the event's id to order events of one instant.
 * A bare time (a horizon) sorts before every position stamped at that time.
 */
public final class LogPosition {
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int TIME_LENGTH = "2026-01-01T00:00:00.000000000Z".length();

    private LogPosition() {
    }

    public static String of(Instant stamped, String eventId) {
        return time(stamped) + "#" + eventId;
    }

    /** Where a read that lists only what was stamped before {@code at} stops. */
    public static String time(Instant at) {
        return FIXED.format(at);
    }

    /** When the position was stamped. */
    public static Instant stampedAt(String position) {
        return Instant.parse(position.substring(0, Math.min(TIME_LENGTH, position.length())));
    }
}
