package dev.switchboard.local.twilio;

/**
 * What the caller does at one {@code <Gather>}: presses keys, says words, or nothing (lets it time
 * out). A played call takes its inputs in order, one per {@code <Gather>}; when they run out the
 * caller stays silent.
 *
 * @param digits the keys pressed (0-9, *, #), or null
 * @param speech the words said, or null
 */
public record CallerInput(String digits, String speech) {
    public static final CallerInput SILENCE = new CallerInput(null, null);
    /** Keys a caller can press on a phone's keypad. */
    private static final String KEYS = "[0-9*#]{1,20}";

    public CallerInput {
        if (digits != null && !digits.matches(KEYS)) {
            throw new IllegalArgumentException("digits are keys 0-9, * and #, at most 20, got '" + digits + "'");
        }
        if (speech != null && (speech.isBlank() || speech.length() > 500)) {
            throw new IllegalArgumentException("speech is 1 to 500 characters");
        }
        if (digits != null && speech != null) {
            throw new IllegalArgumentException("a caller presses keys or speaks at one <Gather>, not both");
        }
    }

    public static CallerInput digits(String digits) {
        return new CallerInput(digits, null);
    }

    public static CallerInput speech(String words) {
        return new CallerInput(null, words);
    }

    boolean silent() {
        return digits == null && speech == null;
    }

    /** As the timeline says it. */
    String describe() {
        return digits != null ? "caller presses " + digits : speech != null ? "caller says \"" + speech + "\"" : "no input";
    }
}
