package dev.switchboard.shared.queue;

/**
 * A queue worker's domain logic for one message. Returning means the message is done and may be
 * deleted; throwing means it is retried later, and after the queue's maxReceiveCount it moves to
 * the dead-letter queue. Handle each message idempotently: delivery is at least once.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(QueueMessage message) throws Exception;
}
