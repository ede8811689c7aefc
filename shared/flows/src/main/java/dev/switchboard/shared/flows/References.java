package dev.switchboard.shared.flows;

import java.util.List;

/** Rule 1 of {@link FlowValidator}: every name in a flow names something that is there. */
final class References {
    private References() {
    }

    static void check(Routes routes, FlowContext context, List<Problem> problems) {
        FlowGraph graph = routes.graph();
        Flow flow = graph.flow();
        if (flow.node(flow.start()) == null) {
            problems.add(new Problem("start", "start → " + flow.start() + ": there is no node " + flow.start()));
        }
        if (flow.operator() != null && flow.node(flow.operator()) == null) {
            problems.add(new Problem("operator", "operator → " + flow.operator() + ": there is no node "
                    + flow.operator()));
        }
        for (FlowNode node : flow.nodes().values()) {
            for (FlowGraph.Edge edge : graph.edges(node.id())) {
                if (flow.node(edge.to()) == null) {
                    problems.add(new Problem(edge.path(), routes.via(edge) + ": there is no node " + edge.to()));
                }
            }
            String path = "nodes." + node.id();
            switch (node) {
                case Ring ring -> {
                    for (int i = 0; i < ring.agents().size(); i++) {
                        if (!context.agentIds().contains(ring.agents().get(i))) {
                            problems.add(new Problem(path + ".agents[" + i + "]", routes.to(node.id())
                                    + ": there is no agent " + ring.agents().get(i)));
                        }
                    }
                }
                case VoicemailBox box when box.agentId() != null && !context.agentIds().contains(box.agentId()) ->
                        problems.add(new Problem(path + ".agentId", routes.to(node.id()) + ": there is no agent "
                                + box.agentId() + " to take the messages"));
                case Hours hours when !context.scheduleIds().contains(hours.scheduleId()) ->
                        problems.add(new Problem(path + ".schedule", routes.to(node.id()) + ": there is no schedule "
                                + hours.scheduleId()));
                default -> {
                }
            }
        }
    }
}
