package dev.switchboard.shared.delivery;

import dev.switchboard.shared.store.Page;

/** Each endpoint's attempts, and whether each event reached it, kept as long as the events are. */
public interface DeliveryLog {

    void record(AttemptRecord attempt);

    /** Newest first. */
    Page<AttemptRecord> attempts(String endpointId, String cursor, int limit);

    /**
     * Whether the event needs nothing more for this endpoint: delivered, or still in its retries
     * (a recovery of what failed leaves both alone).
     */
    boolean settled(String endpointId, String eventId, java.time.Instant now);
}
