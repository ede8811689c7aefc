package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** A flow document held to every rule at once, for whoever saves one (the flows API, a number's own flow). */
public final class FlowRules {
    private FlowRules() {
    }

    /** The first thing wrong with the document, with its path; empty when it can be saved. */
    public static Optional<Problem> firstProblem(JsonNode json, FlowContext context) {
        Flow flow;
        try {
            flow = FlowJson.read(json, "flow");
        } catch (InvalidFlow e) {
            return Optional.of(new Problem(e.path(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Problem("nodes", e.getMessage()));
        }
        return FlowValidator.problems(flow, context).stream().findFirst();
    }
}
