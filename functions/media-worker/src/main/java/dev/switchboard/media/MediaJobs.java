package dev.switchboard.media;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;

/** What MediaQueue carries, each to its copier: completed recordings and received messages. */
public final class MediaJobs implements MessageHandler {
    private static final Log LOG = Log.of(MediaJobs.class);

    private final RecordingCopies recordings;
    private final MessageMediaCopies messages;

    public MediaJobs(RecordingCopies recordings, MessageMediaCopies messages) {
        this.recordings = recordings;
        this.messages = messages;
    }

    @Override
    public void handle(QueueMessage message) throws Exception {
        String type = message.attribute("type");
        if (type == null) {
            // Sent by hand without attributes: the event says its own type.
            type = dev.switchboard.shared.json.Json.MAPPER.readTree(message.body()).path("type").asText(null);
        }
        if (DomainEvent.RECORDING_COMPLETED.equals(type)) {
            recordings.handle(message);
        } else if (DomainEvent.MESSAGE_RECEIVED.equals(type)) {
            messages.handle(message);
        } else {
            LOG.warn("not a media job; dropped", "messageId", message.messageId(), "type", type);
        }
    }
}
