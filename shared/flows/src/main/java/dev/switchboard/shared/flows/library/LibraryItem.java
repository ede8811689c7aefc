package dev.switchboard.shared.flows.library;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A flow or a schedule of a tenant's library, as saved: its document (the API's JSON, checked
 * before it was saved) and the version a change must name to replace it.
 */
public record LibraryItem(Kind kind, String tenantId, String id, JsonNode body, long version, Instant updatedAt) {

    public enum Kind {
        FLOW("flow"), SCHEDULE("schedule");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }
}
