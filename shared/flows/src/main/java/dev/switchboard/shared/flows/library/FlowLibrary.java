package dev.switchboard.shared.flows.library;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's flows and schedules, which several numbers (and flows) share. Every change is
 * conditional: a new item only where none is, a replacement only of the version it read.
 */
public interface FlowLibrary {
    Optional<LibraryItem> get(String tenantId, LibraryItem.Kind kind, String id);

    /** Every item of the kind, by id. */
    List<LibraryItem> list(String tenantId, LibraryItem.Kind kind);

    /** @return the item saved; empty when one with that id exists already */
    Optional<LibraryItem> create(String tenantId, LibraryItem.Kind kind, String id, JsonNode body, Instant now);

    /** @return the item saved; empty when it is gone or no longer at {@code version} */
    Optional<LibraryItem> replace(String tenantId, LibraryItem.Kind kind, String id, JsonNode body, long version, Instant now);

    /** @return whether it was there */
    boolean delete(String tenantId, LibraryItem.Kind kind, String id);
}
