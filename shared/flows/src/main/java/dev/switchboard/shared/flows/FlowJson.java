package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A flow as the API takes and gives it:
 *
 * <pre>{@code
 * {"name": "Main line", "start": "hours", "operator": "reception",
 *  "nodes": {"hours": {"type": "hours", "schedule": "office", "open": "main", "closed": "after-hours"},
 *            "main": {"type": "menu", "prompt": "For sales press 1.", "noInput": "reception",
 *                     "options": [{"digits": "1", "keywords": ["sales"], "label": "Sales", "next": "sales"}]},
 *            ...}}
 * }</pre>
 *
 * Reading checks the shape and the limits of {@link FlowLimits}; whether the names lead anywhere
 * and every call ends is {@link FlowValidator}'s. The flow's id is not in its JSON: it is the
 * resource's, given by whoever stores the flow. {@code read(write(flow), flow.id())} equals
 * {@code flow}.
 */
public final class FlowJson {
    private static final Set<String> FIELDS = Set.of("name", "start", "operator", "nodes");

    private FlowJson() {
    }

    /** The flow in that JSON, or an {@link InvalidFlow} naming the first field at fault. */
    public static Flow read(JsonNode json, String id) {
        if (id == null || !FlowLimits.ID.matcher(id).matches()) {
            throw new InvalidFlow("id", "id must be 1 to 64 letters, digits, '_' or '-'");
        }
        JsonFields flow = new JsonFields(json, "").only(FIELDS);
        String name = flow.requiredText("name", FlowLimits.MAX_NAME);
        String start = flow.requiredId("start");
        String operator = flow.id("operator");
        JsonFields nodes = flow.object("nodes");
        SequencedMap<String, FlowNode> read = new LinkedHashMap<>();
        for (Iterator<String> ids = nodes.fieldNames(); ids.hasNext(); ) {
            String nodeId = ids.next();
            String path = nodes.path(nodeId);
            if (!FlowLimits.ID.matcher(nodeId).matches()) {
                throw new InvalidFlow(path, path + ": a node's id must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (read.size() == FlowLimits.MAX_NODES) {
                throw new InvalidFlow("nodes", "A flow holds at most " + FlowLimits.MAX_NODES + " nodes");
            }
            read.put(nodeId, NodeReader.read(nodeId, new JsonFields(nodes.get(nodeId), path)));
        }
        if (read.isEmpty()) {
            throw new InvalidFlow("nodes", "nodes must hold at least one node");
        }
        return new Flow(id, name, start, operator, read);
    }

    public static ObjectNode write(Flow flow) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("name", flow.name()).put("start", flow.start());
        if (flow.operator() != null) {
            json.put("operator", flow.operator());
        }
        ObjectNode nodes = json.putObject("nodes");
        flow.nodes().forEach((nodeId, node) -> nodes.set(nodeId, NodeWriter.write(node)));
        return json;
    }
}
