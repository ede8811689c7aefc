package dev.switchboard.shared.delivery;

import dev.switchboard.shared.store.Page;

/** Each endpoint's attempts, and whether each event reached it, kept as long as the events are. */
public interface DeliveryLog {

    void record(AttemptRecord attempt);

    /** Newest first. */
    Page<AttemptRecord> attempts(String endpointId, String cursor, int limit);

    boolean delivered(String endpointId, String eventId);
}
