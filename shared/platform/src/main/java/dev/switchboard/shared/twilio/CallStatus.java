package dev.switchboard.shared.twilio;

import dev.switchboard.shared.json.Wire;

import java.util.Optional;

/**
 * Twilio's call statuses, ranked by how far a call has progressed. The rank orders status
 * callbacks that carry no SequenceNumber: queued &lt; ringing &lt; in-progress &lt; any final status.
 */
public enum CallStatus implements Wire {
    QUEUED("queued", 0),
    INITIATED("initiated", 0),
    RINGING("ringing", 1),
    IN_PROGRESS("in-progress", 2),
    COMPLETED("completed", 3),
    BUSY("busy", 3),
    FAILED("failed", 3),
    NO_ANSWER("no-answer", 3),
    CANCELED("canceled", 3);

    private final String wire;
    private final int rank;

    CallStatus(String wire, int rank) {
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

    public boolean isFinal() {
        return rank == 3;
    }

    public static Optional<CallStatus> fromWire(String value) {
        return Wire.of(CallStatus.class, value);
    }
}
