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

    private LogPosition() {
    }

    public static String of(Instant stamped, String eventId) {
        return time(stamped) + "#" + eventId;
    }

    /** Where a read that lists only what was stamped before {@code at} stops. */
    public static String time(Instant at) {
        return FIXED.format(at);
    }

    /**
     * The position in today's fixed width: a cursor handed out before positions had one (its time
     * with 0, 3 or 6 fraction digits) is read from the same place, never past an event after it.
     */
    public static String normalize(String position) {
        int hash = position.indexOf('#');
        Instant at = stampedAt(position);
        return hash < 0 ? time(at) : time(at) + position.substring(hash);
    }

    /** When the position was stamped (positions written before they had a fixed width parse too). */
    public static Instant stampedAt(String position) {
        int hash = position.indexOf('#');
        return Instant.parse(hash < 0 ? position : position.substring(0, hash));
    }
}
