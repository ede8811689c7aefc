package dev.switchboard.shared.calls;

import dev.switchboard.shared.json.Wire;

import java.util.Optional;

/** Which way a call went: to one of the tenant's numbers, or placed from it (Twilio's outbound-api and outbound-dial alike). */
public enum CallDirection implements Wire {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String wire;

    CallDirection(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Ours, as stored and answered: "inbound" or "outbound". */
    public static Optional<CallDirection> fromWire(String value) {
        return Wire.of(CallDirection.class, value);
    }

    /** Twilio's Direction parameter ("inbound", "outbound-api", "outbound-dial", …) as ours; null when absent. */
    public static CallDirection fromTwilio(String twilioDirection) {
        if (twilioDirection == null) {
            return null;
        }
        return twilioDirection.startsWith("outbound") ? OUTBOUND : INBOUND;
    }

    /** The wire spelling of a direction that may not be known yet. */
    public static String wireOf(CallDirection direction) {
        return direction == null ? null : direction.wire();
    }
}
