package dev.switchboard.api.numbers;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.flows.FlowContext;
import dev.switchboard.shared.flows.FlowRules;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Routing;

/**
 * A number's flow routing, held to the rules of the flows API: a library flow it names must be
 * there, and a flow of its own must be one that API would save. A number must never answer with a
 * missing or endless flow.
 */
record NumberFlows(FlowLibrary library, Agents agents) implements NumbersApi.FlowRouting {

    @Override
    public void require(String tenantId, Routing routing) {
        if (routing.flowId() != null && library.get(tenantId, LibraryItem.Kind.FLOW, routing.flowId()).isEmpty()) {
            throw ApiError.unprocessable("routing.flowId", "routing.flowId " + routing.flowId()
                    + " is not one of this tenant's flows (POST …/flows first)");
        }
        if (routing.flow() != null) {
            FlowRules.firstProblem(Json.parse(routing.flow()), FlowContext.of(tenantId, agents, library))
                    .ifPresent(problem -> {
                        throw ApiError.unprocessable("routing.flow." + problem.path(), problem.message());
                    });
        }
    }
}
