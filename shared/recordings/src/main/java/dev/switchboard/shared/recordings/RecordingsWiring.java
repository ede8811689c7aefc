package dev.switchboard.shared.recordings;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventsWiring;

/**
 * The recordings capability's wiring: calls' recordings and the voicemail inbox, kept on the calls
 * table beside the calls they belong to, writing their events through the outbox.
 */
public final class RecordingsWiring {
    private final Platform platform;

    public RecordingsWiring(Platform platform) {
        this.platform = platform;
    }

    public Recordings recordings() {
        return new DynamoRecordings(platform.dynamo(), platform.settings().tables().calls(),
                new EventsWiring(platform).outbox(), platform.clock());
    }

    public VoicemailInbox voicemails() {
        return new DynamoVoicemailInbox(platform.dynamo(), platform.settings().tables().calls(),
                new EventsWiring(platform).outbox(), platform.clock());
    }
}
