package dev.switchboard.shared.analytics.store;

import dev.switchboard.shared.analytics.facts.MetricEvent;

import java.util.List;

/**
 * A fact's item as read: the events it was folded from and its version, which the next write of
 * it is conditional on (0: not written yet).
 */
public record StoredFact(String tenantId, String subject, long version, List<MetricEvent> events) {

    public static StoredFact absent(String tenantId, String subject) {
        return new StoredFact(tenantId, subject, 0, List.of());
    }

    public boolean has(String eventId) {
        return events.stream().anyMatch(e -> e.id().equals(eventId));
    }
}
