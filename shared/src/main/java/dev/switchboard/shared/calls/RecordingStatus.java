package dev.switchboard.shared.calls;

import java.util.Optional;

/**
 * A recording's state as Twilio's recording status callbacks report it. A recording only moves
 * forward: in-progress, then one of completed, absent (nothing was recorded) or failed.
 */
public enum RecordingStatus {
    IN_PROGRESS("in-progress", 1),
    COMPLETED("completed", 2),
    ABSENT("absent", 2),
    FAILED("failed", 2);

    private final String wire;
    private final int rank;

    RecordingStatus(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    public String wire() {
        return wire;
    }

    /** Where it stands in the order callbacks must respect: a lower rank never overwrites a higher. */
    public int rank() {
        return rank;
    }

    public static Optional<RecordingStatus> fromWire(String value) {
        for (RecordingStatus status : values()) {
            if (status.wire.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
