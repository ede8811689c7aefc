package dev.switchboard.shared.twilio;

import dev.switchboard.shared.json.Wire;

import java.util.Optional;

/**
 * A recording's state as Twilio's recording status callbacks report it. A recording only moves
 * forward: in-progress, then one of completed, absent (nothing was recorded) or failed.
 */
public enum RecordingStatus implements Wire {
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

    @Override
    public String wire() {
        return wire;
    }

    /** Where it stands in the order callbacks must respect: a lower rank never overwrites a higher. */
    public int rank() {
        return rank;
    }

    public static Optional<RecordingStatus> fromWire(String value) {
        return Wire.of(RecordingStatus.class, value);
    }
}
