package dev.switchboard.shared.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a caller's answer to a menu means: the keys pressed or the words said, as Twilio's
 * {@code <Gather>} reports them (Digits, SpeechResult). What the call does next (count a retry,
 * go back, take the exit) is the run time's, under the rules {@link FlowValidator} proves end.
 */
public final class MenuChoice {
    /** The caller's answer, read. */
    public sealed interface Choice permits Selected, Repeat, Back, Operator, Invalid, NoInput {
    }

    public record Selected(MenuOption option) implements Choice {
    }

    /** The repeat key: play the prompt again. */
    public record Repeat() implements Choice {
    }

    /** "*": the menu the caller came from. */
    public record Back() implements Choice {
    }

    /** "0": the flow's operator. */
    public record Operator() implements Choice {
    }

    /** Something the menu does not take, as heard: the keys, else the words. */
    public record Invalid(String heard) implements Choice {
    }

    /** Nothing pressed and nothing said before the timeout. */
    public record NoInput() implements Choice {
    }

    /** Twilio's hints take phrases of at most 100 characters. */
    static final int MAX_HINT = 100;

    private MenuChoice() {
    }

    /**
     * Keys come before words: a caller who pressed a key meant it, and recognition may have
     * caught background talk. Words pick an option when they hold one of its keywords or its
     * label as whole words; when they hold those of two options, the caller is asked again rather
     * than sent where they may not have meant to go.
     */
    public static Choice choose(Menu menu, boolean flowHasOperator, String digits, String speech) {
        String keys = keys(digits);
        if (!keys.isEmpty()) {
            return pressed(menu, flowHasOperator, keys);
        }
        if (speech == null || speech.isBlank()) {
            return new NoInput();
        }
        List<String> said = Phrases.words(speech);
        MenuOption chosen = null;
        for (MenuOption option : menu.options()) {
            if (matches(option, said)) {
                if (chosen != null) {
                    return new Invalid(speech.strip());
                }
                chosen = option;
            }
        }
        return chosen == null ? new Invalid(speech.strip()) : new Selected(chosen);
    }

    /**
     * The phrases speech recognition should expect: every option's label and keywords, once
     * each, comma-separated as Twilio takes them.
     */
    public static String hints(Menu menu) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (MenuOption option : menu.options()) {
            List<String> phrases = new ArrayList<>();
            phrases.add(option.label());
            phrases.addAll(option.keywords());
            for (String phrase : phrases) {
                // A comma would split one hint in two.
                String hint = phrase.replace(',', ' ').strip();
                if (!hint.isEmpty() && hint.length() <= MAX_HINT) {
                    hints.putIfAbsent(hint.toLowerCase(Locale.ROOT), hint);
                }
            }
        }
        return String.join(", ", hints.values());
    }

    /**
     * 1 when every key the menu takes is one key, so {@code <Gather>} can answer on the first
     * press; null when an option takes more, so the caller ends with "#" or the timeout.
     */
    public static Integer numDigits(Menu menu) {
        for (MenuOption option : menu.options()) {
            if (option.digits() != null && option.digits().length() != 1) {
                return null;
            }
        }
        return menu.repeatKey() == null || menu.repeatKey().length() == 1 ? 1 : null;
    }

    private static Choice pressed(Menu menu, boolean flowHasOperator, String keys) {
        if (keys.equals(Menu.BACK_KEY)) {
            return menu.back() ? new Back() : new Invalid(keys);
        }
        if (keys.equals(Menu.OPERATOR_KEY) && menu.operatorOn(flowHasOperator)) {
            return new Operator();
        }
        if (keys.equals(menu.repeatKey())) {
            return new Repeat();
        }
        for (MenuOption option : menu.options()) {
            if (keys.equals(option.digits())) {
                return new Selected(option);
            }
        }
        return new Invalid(keys);
    }

    /** The keys pressed, without the "#" that ended them (Twilio leaves it out, a test double may not). */
    private static String keys(String digits) {
        if (digits == null) {
            return "";
        }
        String keys = digits.strip();
        while (keys.endsWith("#")) {
            keys = keys.substring(0, keys.length() - 1);
        }
        return keys;
    }

    private static boolean matches(MenuOption option, List<String> said) {
        if (Phrases.contains(said, Phrases.words(option.label()))) {
            return true;
        }
        for (String keyword : option.keywords()) {
            if (Phrases.contains(said, Phrases.words(keyword))) {
                return true;
            }
        }
        return false;
    }
}
