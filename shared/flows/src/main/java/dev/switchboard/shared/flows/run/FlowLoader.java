package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.log.Log;

import java.util.Optional;

/** A tenant's flow by id, read from its library as the API saved it. */
public record FlowLoader(FlowLibrary library) {
    private static final Log LOG = Log.of(FlowLoader.class);

    public Optional<Flow> flow(String tenantId, String flowId) {
        return library.get(tenantId, LibraryItem.Kind.FLOW, flowId).flatMap(item -> {
            try {
                return Optional.of(FlowJson.read(item.body(), item.id()));
            } catch (IllegalArgumentException e) {
                LOG.warn("flow no longer readable", "tenantId", tenantId, "flowId", flowId);
                return Optional.empty();
            }
        });
    }
}
