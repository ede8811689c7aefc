package dev.switchboard.shared.flows;

import java.util.List;
import java.util.Objects;

/**
 * A menu: a prompt, the options a caller picks by key or by voice, and the exit a caller who
 * does nothing is taken by. The exit is what lets {@link FlowValidator} prove every call ends.
 *
 * @param noInput        where the call goes when the caller gave no input after the retries, and
 *                       whenever the menu is entered more than {@code maxVisits} times: required
 * @param invalid        where the call goes after too many invalid entries; null: {@code noInput}
 * @param timeoutSeconds how long the menu waits for the caller, 1 to 30
 * @param noInputRetries how often the prompt is replayed after no input, 0 to 5
 * @param invalidRetries how often the prompt is replayed after an invalid entry, 0 to 5
 * @param repeatKey      the digit that replays the prompt; null: no repeat key
 * @param back           whether "*" goes back to the previous menu of the call
 * @param operator       whether "0" goes to the flow's operator (when the flow has one)
 * @param maxVisits      how often one call may hear this menu, 1 to 5
 */
public record Menu(String id, String prompt, List<MenuOption> options, String noInput, String invalid,
                   int timeoutSeconds, int noInputRetries, int invalidRetries, String repeatKey, boolean back,
                   boolean operator, int maxVisits) implements FlowNode {
    public static final String BACK_KEY = "*";
    public static final String OPERATOR_KEY = "0";
    /**
     * Not "#": Twilio's {@code <Gather>} ends input on "#" (finishOnKey), so it would never reach
     * the menu as a key.
     */
    public static final String DEFAULT_REPEAT_KEY = "9";

    public Menu {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        options = List.copyOf(options);
        Objects.requireNonNull(noInput, "noInput");
        FlowLimits.requireRange("timeoutSeconds", timeoutSeconds, FlowLimits.MIN_MENU_TIMEOUT,
                FlowLimits.MAX_MENU_TIMEOUT);
        FlowLimits.requireRange("noInputRetries", noInputRetries, 0, FlowLimits.MAX_RETRIES);
        FlowLimits.requireRange("invalidRetries", invalidRetries, 0, FlowLimits.MAX_RETRIES);
        // The bound on prompts counts visits: a menu no one may visit, or visit without end, has none.
        FlowLimits.requireRange("maxVisits", maxVisits, FlowLimits.MIN_VISITS, FlowLimits.MAX_VISITS);
    }

    /** A menu with every setting at its default. */
    public static Menu of(String id, String prompt, List<MenuOption> options, String noInput) {
        return new Menu(id, prompt, options, noInput, null, FlowLimits.DEFAULT_MENU_TIMEOUT,
                FlowLimits.DEFAULT_RETRIES, FlowLimits.DEFAULT_RETRIES, DEFAULT_REPEAT_KEY, true, true,
                FlowLimits.DEFAULT_VISITS);
    }

    /** Where the call goes after too many invalid entries, the fallback filled in. */
    public String invalidOrNoInput() {
        return invalid == null ? noInput : invalid;
    }

    /** Whether "0" goes to the operator in a flow that has, or has not, an operator. */
    public boolean operatorOn(boolean flowHasOperator) {
        return operator && flowHasOperator;
    }
}
