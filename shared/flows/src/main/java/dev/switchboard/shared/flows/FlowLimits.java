package dev.switchboard.shared.flows;

import java.util.regex.Pattern;

/**
 * How big a flow and its parts may be. The sizes keep a flow well inside one stored item and a
 * menu's prompt inside what Twilio's {@code <Say>} takes; the ranges are the ones a caller can
 * live with (a menu that waits a minute for a key is a menu nobody finishes).
 */
public final class FlowLimits {
    public static final int MAX_NODES = 100;
    /** Node, agent and schedule ids: what every other id of ours is. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final int MAX_NAME = 200;
    /** Prompts and spoken texts. */
    public static final int MAX_TEXT = 4000;
    /** Option labels and voicemail box names. */
    public static final int MAX_LABEL = 100;
    public static final int MAX_OPTIONS = 12;
    public static final int MAX_KEYWORDS = 10;
    public static final int MAX_KEYWORD = 50;
    public static final int MAX_AGENTS = 10;
    public static final int MAX_URL = 2000;
    /** 1 to 4 keys, each 0-9: '*' and '#' are the menu's own (back, end of input). */
    public static final Pattern OPTION_DIGITS = Pattern.compile("[0-9]{1,4}");

    public static final int MIN_MENU_TIMEOUT = 1;
    public static final int MAX_MENU_TIMEOUT = 30;
    public static final int DEFAULT_MENU_TIMEOUT = 5;
    public static final int MAX_RETRIES = 5;
    public static final int DEFAULT_RETRIES = 3;
    public static final int MIN_VISITS = 1;
    public static final int MAX_VISITS = 5;
    public static final int DEFAULT_VISITS = 3;

    public static final int MIN_RING_TIMEOUT = 5;
    public static final int MAX_RING_TIMEOUT = 600;
    public static final int DEFAULT_RING_TIMEOUT = 20;

    /** How many menus deep a caller may go: past that, callers are lost, not served. */
    public static final int MAX_MENU_DEPTH = 5;
    /** Menus in one flow: each is counted in the call's state, which travels in Twilio's URLs. */
    public static final int MAX_MENUS = 20;
    /** How often the repeat key replays a prompt in one visit; past that it counts as invalid. */
    public static final int REPEATS_PER_VISIT = 3;
    /** The most prompts {@link FlowValidator#prove} may find one call could hear. */
    public static final int MAX_PROMPTS = 500;

    private FlowLimits() {
    }

    static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + " to " + max + ", got " + value);
        }
    }
}
