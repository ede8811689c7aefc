package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Directory;

import java.util.Optional;

/**
 * A tenant's flow by the name a call carries: a library flow's id, as the API saved it, or
 * {@code @} and a number for that number's own flow (its routing, through the directory).
 */
public record FlowLoader(FlowLibrary library, Directory directory) {
    private static final Log LOG = Log.of(FlowLoader.class);

    public Optional<Flow> flow(String tenantId, String flowId) {
        if (flowId.startsWith("@")) {
            return directory.number(flowId.substring(1)).filter(n -> n.tenantId().equals(tenantId))
                    .map(n -> n.routing().flow()).flatMap(json -> read(tenantId, json, flowId));
        }
        return library.get(tenantId, LibraryItem.Kind.FLOW, flowId).flatMap(item -> {
            try {
                return Optional.of(FlowJson.read(item.body(), item.id()));
            } catch (IllegalArgumentException e) {
                LOG.warn("flow no longer readable", "tenantId", tenantId, "flowId", flowId);
                return Optional.empty();
            }
        });
    }

    private static Optional<Flow> read(String tenantId, String json, String flowId) {
        try {
            // Read as any flow, then named as the call names it ("@" is no library id's).
            Flow flow = FlowJson.read(dev.switchboard.shared.json.Json.parse(json), "number");
            return Optional.of(new Flow(flowId, flow.name(), flow.start(), flow.operator(), flow.nodes()));
        } catch (RuntimeException e) {
            LOG.warn("number's flow no longer readable", "tenantId", tenantId, "flowId", flowId);
            return Optional.empty();
        }
    }
}
