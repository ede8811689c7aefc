package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.twiml.Twiml;

import java.util.List;

/**
 * What a flow does with a request from Twilio: the TwiML to answer with, the steps of the call's
 * path this request completed, and the menu choices among them (each an {@code ivr.selection}).
 */
public record FlowAnswer(Twiml twiml, List<Step> steps, List<Selection> selections) {

    public FlowAnswer {
        steps = List.copyOf(steps);
        selections = List.copyOf(selections);
    }

    /**
     * A node the call left, and how: an hours branch ({@code open}), a menu's choice
     * ({@code 1: Sales}, {@code operator}, {@code back}, {@code no-input}), a ring's outcome.
     */
    public record Step(int step, String node, String type, String branch) {
    }

    /**
     * How the caller left a menu.
     *
     * @param choice {@code option}, {@code operator}, {@code back}, {@code no-input} or {@code invalid}
     */
    public record Selection(int step, String menu, String choice, String label, String digits, String speech,
                            String next) {
    }
}
