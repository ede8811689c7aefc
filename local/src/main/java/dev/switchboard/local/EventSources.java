package dev.switchboard.local;

/**
 * Every event source of the template, running: the DynamoDB streams', the queues' and the schedules.
 */
public record EventSources(StreamEventSources streams, QueueEventSources queues, ScheduleEventSources schedules)
        implements AutoCloseable {

    /** How long stopping lets a function finish the batch it is handling before interrupting it. */
    static final long STOP_GRACE_MILLIS = 5_000;

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

    /**
     * Stops a poller whose loop has been told to end: wakes it, and lets it finish what it is
     * doing. An interrupt would abort an AWS call halfway and leave its connection to an emulator
     * open mid-request; it is only the last resort.
     */
    static void stop(Thread poller) {
        java.util.concurrent.locks.LockSupport.unpark(poller);
        try {
            poller.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (poller.isAlive()) {
            poller.interrupt();
        }
    }
}
