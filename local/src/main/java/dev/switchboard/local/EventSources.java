package dev.switchboard.local;

/**
 * Every event source of the template, running: the DynamoDB streams', the queues' and the schedules.
 */
public record EventSources(StreamEventSources streams, QueueEventSources queues, ScheduleEventSources schedules)
        implements AutoCloseable {

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
        schedules.close();
        streams.close();
        queues.close();
    }
}
