package dev.switchboard.shared.flows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A call through a flow, abstractly, under the run-time rules {@link FlowValidator}'s proof
 * rests on: a menu plays its prompt on at most maxVisits entries (one more takes its exit at
 * once), replays it for no input, invalid entries and the repeat key within their budgets (a
 * repeat past three is an invalid entry), and "*" enters the previous menu of the call's path.
 * The caller's keys and words are read by {@link MenuChoice}, as the run time reads them.
 */
final class CallSimulator {
    enum ScheduleState { OPEN, CLOSED, HOLIDAY, EMERGENCY }

    record Answer(String digits, String speech) {
        static final Answer NOTHING = new Answer(null, null);
    }

    /** Everything outside the flow: the caller, the clock, the agents. */
    interface Caller {
        /** The caller's answer to the menu's prompt, the {@code given}-th of this visit. */
        Answer answer(Menu menu, int given);

        ScheduleState schedule(Hours hours);

        boolean answers(Ring ring);
    }

    /**
     * @param ended   whether the call ended within the steps allowed
     * @param prompts the prompts it heard: menu prompts and replays, says, voicemail prompts,
     *                emergency messages
     * @param entries how often each node was entered
     */
    record Outcome(boolean ended, int prompts, Map<String, Integer> entries) {
    }

    private record Move(String to, boolean back) {
    }

    private final Flow flow;
    private final Caller caller;
    private final Deque<String> path = new ArrayDeque<>();
    private final Map<String, Integer> entries = new HashMap<>();
    private int prompts;
    private int steps;
    private boolean outOfSteps;

    private CallSimulator(Flow flow, Caller caller) {
        this.flow = flow;
        this.caller = caller;
    }

    static Outcome call(Flow flow, Caller caller, int maxSteps) {
        CallSimulator call = new CallSimulator(flow, caller);
        boolean ended = call.run(maxSteps);
        return new Outcome(ended, call.prompts, Map.copyOf(call.entries));
    }

    private boolean run(int maxSteps) {
        Move at = new Move(flow.start(), false);
        while (at != null) {
            if (steps++ >= maxSteps) {
                return false;
            }
            FlowNode node = flow.node(at.to());
            if (node == null) {
                return true; // A name of nothing: the run time hangs up (the validator refuses such flows).
            }
            entries.merge(node.id(), 1, Integer::sum);
            at = switch (node) {
                case Hours hours -> switch (caller.schedule(hours)) {
                    case OPEN -> on(hours.open());
                    case CLOSED -> on(hours.closed());
                    case HOLIDAY -> on(hours.holidayOrClosed());
                    case EMERGENCY -> {
                        prompts++;
                        yield on(hours.emergencyOrClosed());
                    }
                };
                case Say say -> {
                    prompts++;
                    yield on(say.next());
                }
                case VoicemailBox ignored -> {
                    prompts++;
                    yield null;
                }
                case Ring ring -> caller.answers(ring) ? null : on(ring.noAnswer());
                case Stream ignored -> null;
                case Hangup ignored -> null;
                case Menu menu -> visit(menu, at.back(), maxSteps);
            };
        }
        return !outOfSteps;
    }

    private static Move on(String next) {
        return next == null ? null : new Move(next, false);
    }

    private Move visit(Menu menu, boolean back, int maxSteps) {
        int visit = entries.get(menu.id());
        if (visit > menu.maxVisits()) {
            return new Move(menu.noInput(), false);
        }
        if (!back) {
            path.push(menu.id());
        }
        prompts++;
        int noInputs = 0;
        int invalids = 0;
        int repeats = 0;
        for (int given = 0; steps++ < maxSteps; given++) {
            Answer answer = caller.answer(menu, given);
            MenuChoice.Choice choice = MenuChoice.choose(menu, flow.operator() != null, answer.digits(), answer.speech());
            if (choice instanceof MenuChoice.Repeat && repeats < FlowLimits.REPEATS_PER_VISIT) {
                repeats++;
                prompts++;
                continue;
            }
            if (choice instanceof MenuChoice.Back && path.size() > 1) {
                path.pop();
                return new Move(path.peek(), true);
            }
            switch (choice) {
                case MenuChoice.Selected selected -> {
                    return new Move(selected.option().next(), false);
                }
                case MenuChoice.Operator ignored -> {
                    return new Move(flow.operator(), false);
                }
                case MenuChoice.NoInput ignored -> {
                    if (noInputs++ == menu.noInputRetries()) {
                        return new Move(menu.noInput(), false);
                    }
                }
                // Invalid, a repeat past its budget, "*" with no menu to go back to.
                default -> {
                    if (invalids++ == menu.invalidRetries()) {
                        return new Move(menu.invalidOrNoInput(), false);
                    }
                }
            }
            prompts++;
        }
        outOfSteps = true;
        return null;
    }
}
