package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** A flow document held to every rule at once, for whoever saves one (the flows API, a number's own flow). */
public final class FlowRules {
    private FlowRules() {
    }

    /** The first thing wrong with the document, with its path; empty when it can be saved. */
    public static Optional<Problem> firstProblem(JsonNode json, FlowContext context) {
        return problems(json, "flow", context).stream().findFirst();
    }

    /** Everything wrong with the document (a document that cannot be read: why, alone). */
    public static List<Problem> problems(JsonNode json, String id, FlowContext context) {
        Flow flow;
        try {
            flow = FlowJson.read(json, id);
        } catch (InvalidFlow e) {
            return List.of(new Problem(e.path(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            // A value a node refuses that the reader let through: still the sender's to fix.
            return List.of(new Problem("nodes", e.getMessage()));
        }
        return FlowValidator.problems(flow, context);
    }
}
