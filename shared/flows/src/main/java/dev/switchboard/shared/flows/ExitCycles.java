package dev.switchboard.shared.flows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Rule 5 of {@link FlowValidator}: loops of the exit graph. One loop is told for each knot of
 * nodes that go round into each other (a strongly connected part), starting at its node nearest
 * the start, so that a flow with one mistake gets one message, not one per node of the loop.
 */
final class ExitCycles {
    private final FlowGraph graph;
    private final Map<String, Set<String>> reach = new HashMap<>();

    private ExitCycles(FlowGraph graph) {
        this.graph = graph;
    }

    /** Each loop as its edges, the first leaving the node nearest the start, the last coming back to it. */
    static List<List<FlowGraph.Edge>> find(Routes routes) {
        return new ExitCycles(routes.graph()).find(routes.nearestFirst());
    }

    /** "main (no input) → info → main". */
    static String told(List<FlowGraph.Edge> cycle) {
        StringBuilder told = new StringBuilder();
        for (FlowGraph.Edge edge : cycle) {
            told.append(Routes.step(edge)).append(" → ");
        }
        return told.append(cycle.getFirst().from()).toString();
    }

    private List<List<FlowGraph.Edge>> find(List<String> nearestFirst) {
        // Reachable nodes nearest first, then the others in the flow's order.
        Set<String> order = new LinkedHashSet<>(nearestFirst);
        order.addAll(graph.flow().nodes().keySet());
        Set<String> told = new HashSet<>();
        List<List<FlowGraph.Edge>> cycles = new ArrayList<>();
        for (String head : order) {
            if (told.contains(head) || !reach(head).contains(head)) {
                continue;
            }
            cycles.add(loopThrough(head));
            for (String other : reach(head)) {
                if (reach(other).contains(head)) {
                    told.add(other);
                }
            }
        }
        return cycles;
    }

    /** The nodes the exit graph leads to from {@code from} in one step or more. */
    private Set<String> reach(String from) {
        return reach.computeIfAbsent(from, start -> {
            Set<String> seen = new HashSet<>();
            Queue<String> next = new ArrayDeque<>();
            next.add(start);
            while (!next.isEmpty()) {
                for (FlowGraph.Edge edge : graph.exits(next.remove())) {
                    if (seen.add(edge.to())) {
                        next.add(edge.to());
                    }
                }
            }
            return seen;
        });
    }

    /** The shortest loop from {@code head} back to it: the one easiest to read in a message. */
    private List<FlowGraph.Edge> loopThrough(String head) {
        Map<String, FlowGraph.Edge> cameBy = new HashMap<>();
        Queue<String> next = new ArrayDeque<>();
        next.add(head);
        while (!next.isEmpty()) {
            for (FlowGraph.Edge edge : graph.exits(next.remove())) {
                if (edge.to().equals(head)) {
                    List<FlowGraph.Edge> loop = new ArrayList<>();
                    for (FlowGraph.Edge back = edge; back != null; back = cameBy.get(back.from())) {
                        loop.addFirst(back);
                    }
                    return loop;
                }
                if (!cameBy.containsKey(edge.to())) {
                    cameBy.put(edge.to(), edge);
                    next.add(edge.to());
                }
            }
        }
        throw new IllegalStateException(head + " is on no loop");
    }
}
