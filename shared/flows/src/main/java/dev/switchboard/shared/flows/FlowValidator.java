package dev.switchboard.shared.flows;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a flow can run: every name leads somewhere, every option can be picked, and every call
 * ends, whatever the caller does.
 *
 * <p>The rules, each problem told with the path of its field and the route a call takes to it
 * ({@code start → hours (open) → main [2] → support}):
 * <ol>
 * <li>every node, agent and schedule a flow names is there;</li>
 * <li>every node can be reached from the start (the operator through the menus that have the
 *     operator key on);</li>
 * <li>every key and phrase of a menu picks one thing ({@link MenuKeys});</li>
 * <li>no menu is more than {@value FlowLimits#MAX_MENU_DEPTH} menus deep on its shortest route;</li>
 * <li>the <em>exit graph</em> has no loop: the graph in which every menu keeps only its exit (no
 *     input) and every other node keeps all its edges (hours: every branch, say: next, ring
 *     group: no answer).</li>
 * </ol>
 *
 * <h2>Why every call ends</h2>
 * The run time keeps these rules:
 * <ul>
 * <li>one call enters a menu at most {@code maxVisits} times with its prompt; an entry beyond
 *     that takes the menu's exit at once, with no prompt;</li>
 * <li>one visit plays the prompt at most {@code 1 + noInputRetries + invalidRetries + 3} times:
 *     once on entry, once again for each no input up to {@code noInputRetries} (then the exit),
 *     for each invalid entry up to {@code invalidRetries} (then {@code invalid}, else the exit),
 *     and for each repeat key up to {@value FlowLimits#REPEATS_PER_VISIT} (a repeat past those is
 *     an invalid entry);</li>
 * <li>"*" goes back to the previous menu of the call's path, and that is an entry like any other
 *     (with no previous menu, "*" is an invalid entry).</li>
 * </ul>
 * Cut a call at its menu entries that play a prompt: there are at most {@code V = Σ maxVisits}
 * of them. Between one and the next, before the first and after the last, the call crosses only
 * nodes that are not menus, which keep all their edges in the exit graph, and menus whose visits
 * are used up, which leave by their exit: every move of such a stretch is an edge of the exit
 * graph. That graph has no loop (rule 5), so a stretch crosses no node twice and comes to an end;
 * it hears at most {@code S} prompts, S being the number of nodes that can speak (a say, a
 * voicemail box's prompt, an hours node's emergency message); and the stretch after the last
 * prompted entry ends the call. Put another way: every loop of the whole flow passes through a
 * menu that still plays its prompt, and those run out. With each prompted visit playing at most
 * {@code 1 + noInputRetries + invalidRetries + 3} prompts, a call hears at most
 * <pre>
 *   Σ over menus maxVisits · (1 + noInputRetries + invalidRetries + 3)  +  (V + 1) · S
 * </pre>
 * prompts. {@link #prove} computes that bound; a flow whose bound is over
 * {@value FlowLimits#MAX_PROMPTS} is refused as one no caller would sit through.
 */
public final class FlowValidator {
    private FlowValidator() {
    }

    /** Everything that keeps the flow from running; empty when it can. */
    public static List<Problem> problems(Flow flow, FlowContext context) {
        Routes routes = new Routes(new FlowGraph(flow));
        List<Problem> problems = new ArrayList<>();
        References.check(routes, context, problems);
        unreachable(routes, problems);
        for (FlowNode node : flow.nodes().values()) {
            if (node instanceof Menu menu) {
                MenuKeys.check(menu, flow.operator() != null, routes.to(menu.id()), problems);
            }
        }
        tooDeep(routes, problems);
        List<List<FlowGraph.Edge>> cycles = ExitCycles.find(routes);
        for (List<FlowGraph.Edge> cycle : cycles) {
            problems.add(new Problem("nodes." + cycle.getFirst().from(), endless(routes, cycle)));
        }
        if (cycles.isEmpty()) {
            ExitRuns.check(routes, problems);
            long menus = flow.nodes().values().stream().filter(n -> n instanceof Menu).count();
            if (menus > FlowLimits.MAX_MENUS) {
                problems.add(new Problem("nodes", "A flow has at most " + FlowLimits.MAX_MENUS + " menus, this one "
                        + menus + ": the call's state, which travels in Twilio's URLs, stays small"));
            }
            Proof proof = bound(flow);
            if (proof.maxPrompts() > FlowLimits.MAX_PROMPTS) {
                problems.add(new Problem("nodes", "A call could hear up to " + proof.maxPrompts()
                        + " prompts before it ends, more than " + FlowLimits.MAX_PROMPTS
                        + ": lower the menus' maxVisits or retries, or use fewer menus or spoken nodes"));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * The bound on the prompts of one call, as argued above.
     *
     * @throws IllegalArgumentException when the exit graph has a loop: a call can go round it
     *                                  forever, and there is no bound
     */
    public static Proof prove(Flow flow) {
        Routes routes = new Routes(new FlowGraph(flow));
        List<List<FlowGraph.Edge>> cycles = ExitCycles.find(routes);
        if (!cycles.isEmpty()) {
            throw new IllegalArgumentException(endless(routes, cycles.getFirst()));
        }
        return bound(flow);
    }

    private static Proof bound(Flow flow) {
        int menuPrompts = 0;
        int visits = 0;
        int speaking = 0;
        for (FlowNode node : flow.nodes().values()) {
            switch (node) {
                case Menu menu -> {
                    visits += menu.maxVisits();
                    menuPrompts += menu.maxVisits() * (1 + menu.noInputRetries() + menu.invalidRetries()
                            + FlowLimits.REPEATS_PER_VISIT);
                }
                // Every voicemail box speaks (its prompt or the default one); every hours node may
                // (its schedule's emergency message, which the flow does not hold).
                case Say ignored -> speaking++;
                case VoicemailBox ignored -> speaking++;
                case Hours ignored -> speaking++;
                case Ring ignored -> {
                }
                case Stream ignored -> {
                }
                case Hangup ignored -> {
                }
            }
        }
        return new Proof(menuPrompts + (visits + 1) * speaking, visits);
    }

    private static void unreachable(Routes routes, List<Problem> problems) {
        Flow flow = routes.graph().flow();
        if (flow.node(flow.start()) == null) {
            return; // Nothing is reachable from a start that is not there: said once, as the start's problem.
        }
        for (String id : flow.nodes().keySet()) {
            if (!routes.reachable(id)) {
                problems.add(new Problem("nodes." + id, id + ": no route from the start reaches it"
                        + (id.equals(flow.operator()) ? " (it is the operator, but no menu a call"
                        + " reaches has its operator key on)" : "")));
            }
        }
    }

    private static void tooDeep(Routes routes, List<Problem> problems) {
        for (String id : routes.nearestFirst()) {
            if (routes.graph().isMenu(id) && routes.menus(id) > FlowLimits.MAX_MENU_DEPTH) {
                problems.add(new Problem("nodes." + id, routes.to(id) + ": " + routes.menus(id)
                        + " menus deep, where a caller may be taken at most " + FlowLimits.MAX_MENU_DEPTH
                        + " menus deep"));
            }
        }
    }

    private static String endless(Routes routes, List<FlowGraph.Edge> cycle) {
        boolean menus = cycle.stream().anyMatch(edge -> routes.graph().isMenu(edge.from()));
        String head = cycle.getFirst().from();
        return ExitCycles.told(cycle) + ": a loop with no way out"
                + (menus ? " (once its menus' visits are used up, each takes its no-input exit, back into it)" : "")
                + ", so a call that comes here never ends"
                + (routes.reachable(head) ? "; reached by " + routes.to(head) : "");
    }
}
