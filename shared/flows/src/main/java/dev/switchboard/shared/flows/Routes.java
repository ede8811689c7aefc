package dev.switchboard.shared.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best route from the start to each node: through the fewest menus, then the fewest
 * nodes. It is how a problem is told ("start → hours (open) → main [2] → support"), which nodes
 * a call can reach at all, and how deep in menus each one is.
 */
final class Routes {
    /** How a node is reached: menus passed (its own included), nodes crossed, the last edge. */
    private record Step(int menus, int hops, FlowGraph.Edge via) {
        boolean betterThan(Step other) {
            return menus < other.menus || menus == other.menus && hops < other.hops;
        }
    }

    private final FlowGraph graph;
    /** In the order the routes were settled: nearest first. */
    private final Map<String, Step> settled = new LinkedHashMap<>();

    Routes(FlowGraph graph) {
        this.graph = graph;
        String start = graph.flow().start();
        if (graph.flow().node(start) == null) {
            return;
        }
        // Dijkstra; a flow has at most 100 nodes, so a scan for the nearest is plenty.
        Map<String, Step> open = new LinkedHashMap<>();
        open.put(start, new Step(graph.isMenu(start) ? 1 : 0, 0, null));
        while (!open.isEmpty()) {
            Map.Entry<String, Step> nearest = null;
            for (Map.Entry<String, Step> entry : open.entrySet()) {
                if (nearest == null || entry.getValue().betterThan(nearest.getValue())) {
                    nearest = entry;
                }
            }
            open.remove(nearest.getKey());
            settled.put(nearest.getKey(), nearest.getValue());
            for (FlowGraph.Edge edge : graph.moves(nearest.getKey())) {
                Step step = new Step(nearest.getValue().menus() + (graph.isMenu(edge.to()) ? 1 : 0),
                        nearest.getValue().hops() + 1, edge);
                if (!settled.containsKey(edge.to()) && (!open.containsKey(edge.to())
                        || step.betterThan(open.get(edge.to())))) {
                    open.put(edge.to(), step);
                }
            }
        }
    }

    boolean reachable(String id) {
        return settled.containsKey(id);
    }

    /** The menus a call passes on the way to the node, its own included. */
    int menus(String id) {
        return settled.get(id).menus();
    }

    /** Reachable nodes, nearest first. */
    List<String> nearestFirst() {
        return List.copyOf(settled.keySet());
    }

    /** "start → hours (open) → main", or "bot (not reachable from the start)". */
    String to(String id) {
        if (!reachable(id)) {
            return id + " (not reachable from the start)";
        }
        List<String> steps = new ArrayList<>();
        for (FlowGraph.Edge via = settled.get(id).via(); via != null; via = settled.get(via.from()).via()) {
            steps.addFirst(step(via));
        }
        steps.addFirst("start");
        steps.add(id);
        return String.join(" → ", steps);
    }

    /** The route to the edge's node, then the edge: "start → main (no input) → reception". */
    String via(FlowGraph.Edge edge) {
        return (reachable(edge.from()) ? to(edge.from()) : edge.from()) + (edge.label().isEmpty() ? "" : " "
                + edge.label()) + " → " + edge.to();
    }

    /** An edge as one step of a route: the node it leaves and how. */
    static String step(FlowGraph.Edge edge) {
        return edge.label().isEmpty() ? edge.from() : edge.from() + " " + edge.label();
    }

    FlowGraph graph() {
        return graph;
    }
}
