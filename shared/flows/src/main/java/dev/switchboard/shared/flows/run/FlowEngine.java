package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowNode;
import dev.switchboard.shared.flows.Hangup;
import dev.switchboard.shared.flows.Hours;
import dev.switchboard.shared.flows.Menu;
import dev.switchboard.shared.flows.MenuChoice;
import dev.switchboard.shared.flows.Ring;
import dev.switchboard.shared.flows.RingStrategy;
import dev.switchboard.shared.flows.Say;
import dev.switchboard.shared.flows.Stream;
import dev.switchboard.shared.flows.VoicemailBox;
import dev.switchboard.shared.flows.schedules.ScheduleStatus;
import dev.switchboard.shared.flows.schedules.Schedules;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a flow, one request from Twilio at a time: from the start when the call comes in, on from
 * a menu when its {@code <Gather>} answers, on from a ring group when its {@code <Dial>} ends.
 * Plain Java over the flow, the call's {@link FlowState} and the world's schedules and agents;
 * the webhook records what it returns.
 *
 * <p>These are the run-time rules {@code FlowValidator}'s proof counts on: a menu is heard at
 * most {@code maxVisits} times a call (an entry beyond that takes its exit at once), a visit
 * replays its prompt at most {@code noInputRetries} times for silence, {@code invalidRetries}
 * times for a wrong entry and {@value #REPEATS} times on request, and "*" is an entry into the
 * previous menu like any other.
 */
public final class FlowEngine {
    /** Repeats a caller may ask for at one visit of a menu; more is an invalid entry. */
    static final int REPEATS = 3;
    private static final Set<String> ANSWERED = Set.of("completed", "answered");

    private final FlowWorld world;

    public FlowEngine(FlowWorld world) {
        this.world = world;
    }

    /** A call comes in: the flow from its start. */
    public FlowAnswer start(Flow flow, FlowCall call) {
        Run run = new Run(flow, call);
        run.walk(FlowState.begin(flow.id()), flow.start());
        return run.answer();
    }

    /** A menu's {@code <Gather>} answered: what the caller pressed or said, or nothing. */
    public FlowAnswer gathered(Flow flow, FlowState state, FlowCall call, String digits, String speech) {
        Run run = new Run(flow, call);
        if (!(flow.node(state.node()) instanceof Menu menu)) {
            return run.gone(state);
        }
        switch (MenuChoice.choose(menu, flow.operator() != null, digits, speech)) {
            case MenuChoice.Selected selected -> run.leave(menu, state, "option",
                    (selected.option().digits() != null ? selected.option().digits() + ": " : "") + selected.option().label(),
                    selected.option().label(), digits, speech, selected.option().next(), state);
            case MenuChoice.Operator operator -> run.leave(menu, state, "operator", "operator", null, digits, speech,
                    flow.operator(), state);
            case MenuChoice.Back back -> {
                List<String> menus = state.menus();
                if (menus.size() < 2) {
                    run.retryInvalid(menu, state, digits, speech);
                } else {
                    run.leave(menu, state, "back", "back", null, digits, speech, menus.get(menus.size() - 2),
                            state.leavingMenu());
                }
            }
            case MenuChoice.Repeat repeat -> {
                if (state.repeats() < REPEATS) {
                    run.prompt(menu, state.counting(state.noInput(), state.invalid(), state.repeats() + 1), null);
                } else {
                    run.retryInvalid(menu, state, digits, speech);
                }
            }
            case MenuChoice.Invalid invalid -> run.retryInvalid(menu, state, digits, speech);
            case MenuChoice.NoInput none -> {
                if (state.noInput() < menu.noInputRetries()) {
                    run.prompt(menu, state.counting(state.noInput() + 1, state.invalid(), state.repeats()), null);
                } else {
                    run.leave(menu, state, "no-input", "no-input", null, null, null, menu.noInput(), state);
                }
            }
        }
        return run.answer();
    }

    /** A ring group's {@code <Dial>} ended: answered, or on to the next agent or the no-answer path. */
    public FlowAnswer dialed(Flow flow, FlowState state, FlowCall call, String dialStatus) {
        Run run = new Run(flow, call);
        if (!(flow.node(state.node()) instanceof Ring ring)) {
            return run.gone(state);
        }
        if (ANSWERED.contains(dialStatus)) {
            run.step(state.step(), ring.id(), "ring", "answered");
            run.twiml.add(Voice.hangup());
        } else if (ring.strategy() == RingStrategy.IN_ORDER && run.ringNext(ring, state, state.ringIndex() + 1)) {
            return run.answer();
        } else {
            run.step(state.step(), ring.id(), "ring", "no-answer");
            run.walk(state.at(ring.id(), state.step() + 1), ring.noAnswer());
        }
        return run.answer();
    }

    /**
     * The caller hung up while a menu waited or a ring group rang (Twilio still asks the action,
     * with CallStatus completed): the step says so, and nothing more is rung or played.
     */
    public FlowAnswer hungUp(Flow flow, FlowState state, FlowCall call) {
        Run run = new Run(flow, call);
        FlowNode node = flow.node(state.node());
        run.step(state.step(), state.node(), node instanceof Ring ? "ring" : node instanceof Menu ? "menu" : "gone",
                "caller-hung-up");
        run.twiml.add(Voice.hangup());
        return run.answer();
    }

    /** One request's work: the TwiML built, the steps and selections made. */
    private final class Run {
        private final Flow flow;
        private final FlowTwiml render;
        final Twiml twiml = Twiml.response();
        private final List<FlowAnswer.Step> steps = new ArrayList<>();
        private final List<FlowAnswer.Selection> selections = new ArrayList<>();

        Run(Flow flow, FlowCall call) {
            this.flow = flow;
            this.render = new FlowTwiml(call);
        }

        FlowAnswer answer() {
            return new FlowAnswer(twiml, steps, selections);
        }

        void step(int step, String node, String type, String branch) {
            steps.add(new FlowAnswer.Step(step, node, type, branch));
        }

        /** The flow changed under the call and its node is gone: the call ends politely. */
        FlowAnswer gone(FlowState state) {
            step(state.step(), state.node(), "gone", null);
            twiml.add(Voice.say("Sorry, this line has changed. Please call again.")).add(Voice.hangup());
            return answer();
        }

        void leave(Menu menu, FlowState state, String choice, String branch, String label, String digits, String speech,
                   String next, FlowState after) {
            step(state.step(), menu.id(), "menu", branch);
            selections.add(new FlowAnswer.Selection(state.step(), menu.id(), choice, label, blank(digits), blank(speech), next));
            walk(after.at(menu.id(), state.step() + 1), next);
        }

        void retryInvalid(Menu menu, FlowState state, String digits, String speech) {
            if (state.invalid() < menu.invalidRetries()) {
                prompt(menu, state.counting(state.noInput(), state.invalid() + 1, state.repeats()), FlowTwiml.NOT_UNDERSTOOD);
            } else {
                leave(menu, state, "invalid", "invalid", null, digits, speech, menu.invalidOrNoInput(), state);
            }
        }

        void prompt(Menu menu, FlowState state, String before) {
            twiml.add(render.gather(menu, state, before));
        }

        /**
         * Moves through the nodes that need nothing from the caller until one does (a menu, a
         * ring) or the call ends. Bounded: the validator proved every path ends, and the guard
         * ends the call if a flow saved before a rule existed does not.
         */
        void walk(FlowState state, String first) {
            String next = first;
            int step = state.step();
            for (int guard = 0; guard <= flow.nodes().size() * 6 + 10; guard++) {
                if (next == null) {
                    twiml.add(Voice.hangup());
                    return;
                }
                FlowNode node = flow.node(next);
                if (node == null) {
                    gone(state.at(next, step));
                    return;
                }
                switch (node) {
                    case Hours hours -> {
                        ScheduleStatus status = world.schedule(hours.scheduleId())
                                .map(s -> Schedules.statusAt(s, render.now())).orElse(null);
                        String branch = status == null ? "closed" : status.state().name().toLowerCase();
                        step(step++, hours.id(), "hours", branch);
                        next = switch (branch) {
                            case "open" -> hours.open();
                            case "holiday" -> hours.holidayOrClosed();
                            case "emergency" -> {
                                if (status.reason() != null) {
                                    twiml.add(Voice.say(status.reason()));
                                }
                                yield hours.emergencyOrClosed();
                            }
                            default -> hours.closed();
                        };
                    }
                    case Say say -> {
                        step(step++, say.id(), "say", null);
                        twiml.add(Voice.say(say.text()));
                        next = say.next();
                    }
                    case Menu menu -> {
                        if (state.visitsOf(menu.id()) >= menu.maxVisits()) {
                            // Heard as often as a call may: its exit, without a prompt.
                            step(step, menu.id(), "menu", "visits-used");
                            selections.add(new FlowAnswer.Selection(step, menu.id(), "no-input", null, null, null,
                                    menu.noInput()));
                            step++;
                            next = menu.noInput();
                        } else {
                            prompt(menu, state.enteringMenu(menu.id(), step), null);
                            return;
                        }
                    }
                    case Ring ring -> {
                        if (ringNext(ring, state.ringing(ring.id(), step, 0), 0)) {
                            return;
                        }
                        step(step++, ring.id(), "ring", "no-one-to-ring");
                        next = ring.noAnswer();
                    }
                    case VoicemailBox box -> {
                        step(step++, box.id(), "voicemail", box.box());
                        render.voicemail(box).forEach(twiml::add);
                        return;
                    }
                    case Stream stream -> {
                        step(step++, stream.id(), "stream", null);
                        twiml.add(render.stream(stream.url(), null));
                        return;
                    }
                    case Hangup hangup -> {
                        step(step++, hangup.id(), "hangup", null);
                        twiml.add(Voice.hangup());
                        return;
                    }
                }
                state = state.at(next, step);
            }
            twiml.add(Voice.hangup());
        }

        /**
         * Dials the ring's phone, its whole group, or (in order) the first agent from
         * {@code from} who can be rung. False when nobody can be rung (every agent gone).
         */
        boolean ringNext(Ring ring, FlowState state, int from) {
            if (ring.phone() != null) {
                // One number is rung once, whatever the strategy says: then the no-answer path.
                if (from > 0) {
                    return false;
                }
                twiml.add(render.dial(List.of(), ring.phone(), ring.timeoutSeconds(), ring.record(),
                        state.ringing(ring.id(), state.step(), 0)));
                return true;
            }
            if (ring.strategy() == RingStrategy.SIMULTANEOUS) {
                var targets = ring.agents().stream().map(world::agent).flatMap(Optional::stream).toList();
                if (targets.isEmpty()) {
                    return false;
                }
                twiml.add(render.dial(targets, null, ring.timeoutSeconds(), ring.record(),
                        state.ringing(ring.id(), state.step(), 0)));
                return true;
            }
            for (int i = Math.max(0, from); i < ring.agents().size(); i++) {
                var target = world.agent(ring.agents().get(i));
                if (target.isPresent()) {
                    twiml.add(render.dial(List.of(target.get()), null, ring.timeoutSeconds(), ring.record(),
                            state.ringing(ring.id(), state.step(), i)));
                    return true;
                }
            }
            return false;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
