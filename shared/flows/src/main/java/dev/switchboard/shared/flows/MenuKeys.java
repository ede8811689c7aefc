package dev.switchboard.shared.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule 3 of {@link FlowValidator}: every key and every phrase of a menu picks one thing. A key
 * two options take, or a phrase two options listen for, sends some callers where they did not
 * mean to go; with input of more than one key, a key that begins another makes the caller who
 * pressed it wait for the timeout, unsure whether it was heard.
 */
final class MenuKeys {
    private final Menu menu;
    private final String where;
    private final String path;
    private final List<Problem> problems;

    private MenuKeys(Menu menu, String where, List<Problem> problems) {
        this.menu = menu;
        this.where = where;
        this.path = "nodes." + menu.id();
        this.problems = problems;
    }

    /** @param where the route to the menu, for the messages */
    static void check(Menu menu, boolean flowHasOperator, String where, List<Problem> problems) {
        new MenuKeys(menu, where, problems).check(flowHasOperator);
    }

    private void check(boolean flowHasOperator) {
        // The keys the menu itself takes, each with what it does.
        Map<String, String> keys = new LinkedHashMap<>();
        if (menu.operatorOn(flowHasOperator)) {
            keys.put(Menu.OPERATOR_KEY, "the operator's key");
        }
        String repeatKey = fittingRepeatKey();
        if (repeatKey != null) {
            keys.put(repeatKey, "the repeat key");
        }
        Map<String, Integer> sayers = new LinkedHashMap<>();
        for (int j = 0; j < menu.options().size(); j++) {
            MenuOption option = menu.options().get(j);
            String at = path + ".options[" + j + "]";
            if (option.digits() == null && option.keywords().isEmpty()) {
                refuse(at, name(j) + " has neither digits nor keywords: give it a key to press or words to say");
            }
            if (option.digits() != null) {
                digits(j, option.digits(), keys);
            }
            phrase(at + ".label", j, "label", option.label(), sayers);
            for (int k = 0; k < option.keywords().size(); k++) {
                phrase(at + ".keywords[" + k + "]", j, "keyword", option.keywords().get(k), sayers);
            }
        }
    }

    /**
     * The repeat key when it is one a caller can press and mean only that: a digit ("*" is back,
     * "#" never reaches us, it ends the input), and not "0", which is the operator's in every menu
     * of a flow, on or off, so that callers learn one meaning for it. Null when there is none.
     */
    private String fittingRepeatKey() {
        String key = menu.repeatKey();
        if (key == null) {
            return null;
        }
        String problem = switch (key) {
            case Menu.OPERATOR_KEY -> "0 is the operator's key";
            case Menu.BACK_KEY -> "* is the back key";
            default -> key.matches("[0-9]") ? null : "it must be a single digit";
        };
        if (problem == null) {
            return key;
        }
        refuse(path + ".repeatKey", "the repeat key cannot be '" + key + "': " + problem
                + " (null turns repeating off)");
        return null;
    }

    private void digits(int j, String digits, Map<String, String> keys) {
        String at = path + ".options[" + j + "].digits";
        for (Map.Entry<String, String> key : keys.entrySet()) {
            if (digits.equals(key.getKey())) {
                refuse(at, name(j) + " takes " + digits + ", " + key.getValue());
                return;
            }
            if (digits.startsWith(key.getKey())) {
                refuse(at, name(j) + " takes " + digits + ", which begins with " + key.getKey() + ", "
                        + key.getValue());
                return;
            }
        }
        for (int i = 0; i < j; i++) {
            String other = menu.options().get(i).digits();
            if (digits.equals(other)) {
                refuse(at, name(i) + " and " + name(j) + " both take " + digits);
                return;
            }
            if (other != null && (digits.startsWith(other) || other.startsWith(digits))) {
                refuse(at, name(i) + " takes " + other + " and " + name(j) + " takes " + digits
                        + ": a caller who means the shorter has to wait for the timeout");
                return;
            }
        }
    }

    /**
     * Speech picks an option by its label as well as by its keywords, so the two are held to the
     * same rule; compared as {@link MenuChoice} hears them: case, spacing and punctuation aside.
     */
    private void phrase(String at, int j, String kind, String phrase, Map<String, Integer> sayers) {
        String normal = Phrases.normal(phrase);
        if (normal.isEmpty()) {
            // A label need not be sayable (it is also what the console shows); a keyword must.
            if (kind.equals("keyword")) {
                refuse(at, name(j) + "'s keyword '" + phrase + "' holds no word a caller could say");
            }
            return;
        }
        Integer earlier = sayers.putIfAbsent(normal, j);
        if (earlier != null && earlier != j) {
            refuse(at, name(j) + "'s " + kind + " '" + phrase + "' is also said for " + name(earlier)
                    + ": saying it picks neither");
            return;
        }
        // Speech matches a phrase anywhere in what was said: a phrase inside another option's
        // phrase ("support" in "technical support") makes the longer one match both, so neither.
        var words = Phrases.words(normal);
        for (var other : sayers.entrySet()) {
            if (other.getValue() != j) {
                var theirs = Phrases.words(other.getKey());
                if (Phrases.contains(words, theirs) || Phrases.contains(theirs, words)) {
                    refuse(at, name(j) + "'s " + kind + " '" + phrase + "' and " + name(other.getValue()) + "'s '"
                            + other.getKey() + "' are said one inside the other: saying the longer picks neither");
                    return;
                }
            }
        }
    }

    private String name(int index) {
        return "options[" + index + "] (" + menu.options().get(index).label() + ")";
    }

    private void refuse(String at, String message) {
        problems.add(new Problem(at, where + ": " + message));
    }
}
