package dev.switchboard.shared.flows;

import dev.switchboard.shared.flows.CallSimulator.Answer;
import dev.switchboard.shared.flows.CallSimulator.ScheduleState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller (and a clock, and agents who never answer) who takes a call to a loop of the exit
 * graph by the shortest way, then round it: no input at its menus, the branch of its hours
 * nodes that stays in it.
 */
final class LoopSeeker implements CallSimulator.Caller {
    private static final Pattern OPTION = Pattern.compile("\\.options\\[(\\d+)]\\.next$");

    /** For each node on the way or on the loop, the edge the call takes from it. */
    private final Map<String, FlowGraph.Edge> plan = new HashMap<>();

    LoopSeeker(Routes routes, List<FlowGraph.Edge> loop) {
        FlowGraph graph = routes.graph();
        Set<String> planned = new HashSet<>();
        for (FlowGraph.Edge edge : loop) {
            plan.put(edge.from(), edge);
            planned.add(edge.from());
        }
        // Out from the loop one move at a time, so every planned move gets nearer to it.
        Set<String> layer = new HashSet<>(planned);
        while (!layer.isEmpty()) {
            Set<String> nearer = new HashSet<>();
            for (String id : graph.flow().nodes().keySet()) {
                if (planned.contains(id)) {
                    continue;
                }
                for (FlowGraph.Edge edge : graph.moves(id)) {
                    if (layer.contains(edge.to())) {
                        plan.put(id, edge);
                        nearer.add(id);
                        break;
                    }
                }
            }
            planned.addAll(nearer);
            layer = nearer;
        }
    }

    @Override
    public Answer answer(Menu menu, int given) {
        FlowGraph.Edge edge = plan.get(menu.id());
        if (edge == null || edge.label().equals("(no input)")) {
            return Answer.NOTHING;
        }
        if (edge.label().equals("(invalid)")) {
            return Callers.MUMBLE;
        }
        if (edge.path().equals("operator")) {
            return new Answer(Menu.OPERATOR_KEY, null);
        }
        Matcher option = OPTION.matcher(edge.path());
        if (!option.find()) {
            throw new IllegalStateException("No way to take " + edge);
        }
        MenuOption chosen = menu.options().get(Integer.parseInt(option.group(1)));
        return chosen.digits() != null ? new Answer(chosen.digits(), null)
                : new Answer(null, new ArrayList<>(chosen.keywords()).getFirst());
    }

    @Override
    public ScheduleState schedule(Hours hours) {
        FlowGraph.Edge edge = plan.get(hours.id());
        return switch (edge == null ? "(open)" : edge.label()) {
            case "(closed)" -> ScheduleState.CLOSED;
            case "(holiday)" -> ScheduleState.HOLIDAY;
            case "(emergency)" -> ScheduleState.EMERGENCY;
            default -> ScheduleState.OPEN;
        };
    }

    @Override
    public boolean answers(Ring ring) {
        return false;
    }
}
