package dev.switchboard.shared.messaging;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventsWiring;

/**
 * The messaging capability's wiring: messages, conversations, opt-outs and scheduled messages on
 * the messages table, writing their events through the outbox.
 */
public final class MessagingWiring {
    private final Platform platform;

    public MessagingWiring(Platform platform) {
        this.platform = platform;
    }

    public Messages messages() {
        return new DynamoMessages(platform.dynamo(), table(), outbox());
    }

    public Conversations conversations() {
        return new DynamoConversations(platform.dynamo(), table(), optOuts());
    }

    /** Who opted out of each tenant's messages, and the rule every send follows. */
    public OptOuts optOuts() {
        return new DynamoOptOuts(platform.dynamo(), table(), outbox());
    }

    public ScheduledMessages scheduledMessages() {
        return new DynamoScheduledMessages(platform.dynamo(), table(), outbox());
    }

    private String table() {
        return platform.settings().tables().messages();
    }

    private EventOutbox outbox() {
        return new EventsWiring(platform).outbox();
    }
}
