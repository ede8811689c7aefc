package dev.switchboard.shared.realtime;

import dev.switchboard.shared.events.EventTypeFilter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The open connections, by tenant. */
public interface Connections {
    /** API Gateway closes a connection after two hours; a little past that, its item expires. */
    Duration KEPT = Duration.ofHours(2).plusMinutes(10);

    void open(Connection connection);

    void close(String tenantId, String connectionId);

    /** @return false when the connection is gone */
    boolean subscribe(String tenantId, String connectionId, EventTypeFilter types);

    Optional<Connection> get(String tenantId, String connectionId);

    /** Every open connection of the tenant: a query of its partition, never a scan. */
    List<Connection> of(String tenantId);
}
