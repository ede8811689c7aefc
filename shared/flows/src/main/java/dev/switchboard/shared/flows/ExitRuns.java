package dev.switchboard.shared.flows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one request from Twilio can take a call: from a menu's choice, through the nodes that do
 * not wait for the caller (and menus whose visits are used up, which take their exit at once),
 * to the next that does. Such a run moves along the exit graph, which rule 5 makes acyclic, so its
 * longest path is finite; it is held to {@value #MAX_RUN} nodes so that the run's steps and events
 * fit one DynamoDB transaction (100 items) with room to spare.
 */
final class ExitRuns {
    static final int MAX_RUN = 40;

    private final FlowGraph graph;
    private final Map<String, Integer> longest = new HashMap<>();

    private ExitRuns(FlowGraph graph) {
        this.graph = graph;
    }

    /** Nodes whose longest run is over the limit, nearest the start first: one problem each. */
    static void check(Routes routes, List<Problem> problems) {
        ExitRuns runs = new ExitRuns(routes.graph());
        for (String id : routes.nearestFirst()) {
            int length = runs.from(id);
            if (length > MAX_RUN) {
                problems.add(new Problem("nodes." + id, "From " + routes.to(id) + " a call could pass through "
                        + length + " nodes before it waits for the caller again, more than " + MAX_RUN
                        + ": shorten the chain of say, hours and ring nodes"));
                return;
            }
        }
    }

    /** The most nodes a run starting at this node crosses (the exit graph has no loop: checked first). */
    private int from(String id) {
        Integer known = longest.get(id);
        if (known != null) {
            return known;
        }
        longest.put(id, 1);
        int most = 1;
        for (FlowGraph.Edge edge : graph.exits(id)) {
            most = Math.max(most, 1 + from(edge.to()));
        }
        longest.put(id, most);
        return most;
    }
}
