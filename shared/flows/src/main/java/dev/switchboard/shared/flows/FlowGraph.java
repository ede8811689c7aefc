package dev.switchboard.shared.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow as a graph: every way a call can move from one node to another, each labelled as a
 * route is told to the flow's author ("hours (open)", "main [2]") and with the path of the field
 * that names it. The exit graph is the part {@link FlowValidator} proves acyclic.
 */
final class FlowGraph {
    /**
     * One way from a node to another.
     *
     * @param label how the call takes it: "(open)", "[2]", "(no input)", "" for a say's next
     * @param path  the field that names {@code to}, like {@code nodes.main.options[1].next}
     * @param exit  whether the exit graph keeps it: a menu's no-input exit, and every edge of
     *              a node that is not a menu
     */
    record Edge(String from, String label, String to, String path, boolean exit) {
    }

    private final Flow flow;
    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

    FlowGraph(Flow flow) {
        this.flow = flow;
        flow.nodes().forEach((id, node) -> edges.put(id, edgesOf(node)));
    }

    Flow flow() {
        return flow;
    }

    boolean isMenu(String id) {
        return flow.node(id) instanceof Menu;
    }

    /** Every edge of the node, those naming no node included. */
    List<Edge> edges(String id) {
        return edges.getOrDefault(id, List.of());
    }

    /** The edges a call can really take: to nodes that are there. */
    List<Edge> moves(String id) {
        return edges(id).stream().filter(edge -> flow.node(edge.to()) != null).toList();
    }

    /** The edges of the exit graph that lead to nodes that are there. */
    List<Edge> exits(String id) {
        return moves(id).stream().filter(Edge::exit).toList();
    }

    private List<Edge> edgesOf(FlowNode node) {
        String path = "nodes." + node.id() + ".";
        List<Edge> out = new ArrayList<>();
        switch (node) {
            case Hours hours -> {
                out.add(new Edge(node.id(), "(open)", hours.open(), path + "open", true));
                out.add(new Edge(node.id(), "(closed)", hours.closed(), path + "closed", true));
                if (hours.holiday() != null) {
                    out.add(new Edge(node.id(), "(holiday)", hours.holiday(), path + "holiday", true));
                }
                if (hours.emergency() != null) {
                    out.add(new Edge(node.id(), "(emergency)", hours.emergency(), path + "emergency", true));
                }
            }
            case Menu menu -> {
                for (int i = 0; i < menu.options().size(); i++) {
                    MenuOption option = menu.options().get(i);
                    out.add(new Edge(node.id(), key(option), option.next(), path + "options[" + i + "].next", false));
                }
                out.add(new Edge(node.id(), "(no input)", menu.noInput(), path + "noInput", true));
                if (menu.invalid() != null) {
                    out.add(new Edge(node.id(), "(invalid)", menu.invalid(), path + "invalid", false));
                }
                // Only to an operator that is there: one that is not is the flow's problem, said once.
                if (menu.operatorOn(flow.operator() != null) && flow.node(flow.operator()) != null) {
                    out.add(new Edge(node.id(), "[" + Menu.OPERATOR_KEY + "]", flow.operator(), "operator", false));
                }
            }
            case Ring ring -> {
                if (ring.noAnswer() != null) {
                    out.add(new Edge(node.id(), "(no answer)", ring.noAnswer(), path + "noAnswer", true));
                }
            }
            case Say say -> {
                if (say.next() != null) {
                    out.add(new Edge(node.id(), "", say.next(), path + "next", true));
                }
            }
            case VoicemailBox ignored -> {
            }
            case Stream ignored -> {
            }
            case Hangup ignored -> {
            }
        }
        return List.copyOf(out);
    }

    /** An option as the caller picks it: its keys, else the first thing to say. */
    private static String key(MenuOption option) {
        if (option.digits() != null) {
            return "[" + option.digits() + "]";
        }
        return "(\"" + (option.keywords().isEmpty() ? option.label() : option.keywords().getFirst()) + "\")";
    }
}
