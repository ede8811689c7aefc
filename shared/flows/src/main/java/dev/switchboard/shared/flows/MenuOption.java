package dev.switchboard.shared.flows;

import java.util.List;
import java.util.Objects;

/**
 * One choice of a menu: the keys that pick it, the words that pick it when said, and where it
 * goes.
 *
 * @param digits   1 to 4 of the digits 0-9; null: the option is chosen by voice only
 * @param keywords words or phrases that pick the option when the caller says them
 * @param label    the option's name, shown in the console and itself a phrase that picks it
 */
public record MenuOption(String digits, List<String> keywords, String label, String next) {
    public MenuOption {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(next, "next");
    }
}
