package dev.switchboard.events.publisher;

import java.time.Instant;
import java.util.Map;

/**
 * One record of the events table's stream, without AWS types.
 *
 * @param sequenceNumber the stream's sequence number: what a batch failure names
 * @param inserted       whether the record is a new item (updates and TTL deletions are not events)
 * @param image          the item's string attributes as written
 * @param committedBy    when the item had been written at the latest (the stream's creation time,
 *                       which it rounds down to the second, plus a second), or null if not given
 */
public record OutboxRecord(String sequenceNumber, boolean inserted, Map<String, String> image, Instant committedBy) {
}
