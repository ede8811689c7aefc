package dev.switchboard.shared.realtime;

import dev.switchboard.shared.events.EventTypeFilter;

import java.time.Instant;

/**
 * An open WebSocket: whom it speaks for, and the event types it asked for ({@code *} until it
 * subscribes).
 */
public record Connection(String tenantId, String connectionId, Audience audience, EventTypeFilter types,
                         Instant connectedAt) {
    public boolean wants(com.fasterxml.jackson.databind.JsonNode event) {
        return types.matches(event.path("type").asText()) && audience.sees(event);
    }
}
