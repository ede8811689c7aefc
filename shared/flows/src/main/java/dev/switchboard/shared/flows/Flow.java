package dev.switchboard.shared.flows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A tenant's call flow: where a call starts and the nodes it moves through. The nodes keep the
 * order they were given in, so what the API gives back reads as what was sent.
 *
 * <p>A flow that can be built is not yet one that can be run: {@link FlowValidator} says whether
 * every name leads somewhere and every call ends.
 *
 * @param operator the node every menu's operator key ("0") goes to; null: "0" is not special
 */
public record Flow(String id, String name, String start, String operator, SequencedMap<String, FlowNode> nodes) {
    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(nodes, "nodes");
        LinkedHashMap<String, FlowNode> copy = new LinkedHashMap<>();
        nodes.forEach((key, node) -> {
            // A node filed under another id would be found by one name and route by another.
            if (!Objects.requireNonNull(node, "node " + key).id().equals(key)) {
                throw new IllegalArgumentException("Node " + node.id() + " is filed under " + key);
            }
            copy.put(key, node);
        });
        nodes = Collections.unmodifiableSequencedMap(copy);
    }

    /** The node of that id, or null when there is none (a name that leads nowhere). */
    public FlowNode node(String nodeId) {
        return nodeId == null ? null : nodes.get(nodeId);
    }
}
