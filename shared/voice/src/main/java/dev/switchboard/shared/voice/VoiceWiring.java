package dev.switchboard.shared.voice;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.DynamoCalls;
import dev.switchboard.shared.events.EventsWiring;

/** The voice capability's wiring: the call log on the calls table, writing its events through the outbox. */
public final class VoiceWiring {
    private final Platform platform;

    public VoiceWiring(Platform platform) {
        this.platform = platform;
    }

    public Calls calls() {
        return new DynamoCalls(platform.dynamo(), platform.settings().tables().calls(),
                new EventsWiring(platform).outbox(), platform.clock());
    }
}
