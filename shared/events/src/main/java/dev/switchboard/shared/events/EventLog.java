package dev.switchboard.shared.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A tenant's events as the outbox keeps them, oldest first, for apps catching up. */
public interface EventLog {

    /**
     * @param items      the events, each exactly as the queue delivers it
     * @param nextCursor where to read on from: after the last event returned, or as far as the read
     *                   looked when it returned fewer than asked; never past an event that may
     *                   still commit before it, so that following it never skips an event
     * @param hasMore    whether more events are already waiting after this page
     */
    record Page(List<JsonNode> items, String nextCursor, boolean hasMore) {
    }

    /**
     * @param after      a {@link LogPosition} (or a bare time) to read after, or null for the oldest kept
     * @param typePrefix only events whose type starts with it, or null for all
     */
    Page read(String tenantId, String after, String typePrefix, int limit);

    /** One of the tenant's events as consumers receive it; empty if it is another tenant's or gone. */
    java.util.Optional<JsonNode> get(String tenantId, String eventId);

    /** Where one of the tenant's events lies in its log (a cursor to read after it). */
    java.util.Optional<String> positionOf(String tenantId, String eventId);
}
