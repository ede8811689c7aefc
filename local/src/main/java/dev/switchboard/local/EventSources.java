package dev.switchboard.local;

/**
 * Every event source mapping of the template, running: the DynamoDB streams' and the queues'.
 */
public record EventSources(StreamEventSources streams, QueueEventSources queues) implements AutoCloseable {

    /**
     * Delivers everything pending now: the streams first, since what they publish feeds the
     * queues, then the queues. Each failing batch or message gets one try per drain.
     */
    public void drain() {
        streams.drain();
        queues.drain();
    }

    @Override
    public void close() {
        streams.close();
        queues.close();
    }
}
