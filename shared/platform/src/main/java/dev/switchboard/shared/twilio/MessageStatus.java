package dev.switchboard.shared.twilio;

import dev.switchboard.shared.json.Wire;

import java.util.Optional;

/**
 * A message's state as Twilio reports it, and the order that state may only move forward in:
 * queued (accepted) &lt; scheduled &lt; sending &lt; sent &lt; delivered, undelivered or failed &lt; read.
 * Callbacks arrive in any order; a lower rank never overwrites a higher one, and of two final
 * states the first kept stays. Canceled ends a message that was still scheduled, and nothing
 * moves it after that.
 */
public enum MessageStatus implements Wire {
    ACCEPTED("accepted", 0),
    QUEUED("queued", 0),
    SCHEDULED("scheduled", 1),
    SENDING("sending", 2),
    SENT("sent", 3),
    DELIVERED("delivered", 4),
    UNDELIVERED("undelivered", 4),
    FAILED("failed", 4),
    PARTIALLY_DELIVERED("partially_delivered", 4),
    READ("read", 5),
    /** Above every other rank, so that nothing supersedes it; it supersedes only a scheduled message. */
    CANCELED("canceled", 9),
    RECEIVING("receiving", 0),
    RECEIVED("received", 4);

    private final String wire;
    private final int rank;

    MessageStatus(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    @Override
    public String wire() {
        return wire;
    }

    public int rank() {
        return rank;
    }

    /** Whether this status, arriving now, replaces {@code current} (null: nothing kept yet). */
    public boolean supersedes(MessageStatus current) {
        if (current == null) {
            return true;
        }
        if (this == CANCELED) {
            return current.rank <= SCHEDULED.rank;
        }
        return rank > current.rank;
    }

    public static Optional<MessageStatus> fromWire(String value) {
        return Wire.of(MessageStatus.class, value);
    }
}
