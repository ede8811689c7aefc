package dev.switchboard.shared.recordings;

import dev.switchboard.shared.json.Wire;

import java.util.Optional;

/** Where a voicemail stands in its inbox: a tenant's app moves it freely between the three. */
public enum VoicemailStatus implements Wire {
    NEW("new"),
    LISTENED("listened"),
    ARCHIVED("archived");

    private final String wire;

    VoicemailStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Optional<VoicemailStatus> fromWire(String value) {
        return Wire.of(VoicemailStatus.class, value);
    }
}
