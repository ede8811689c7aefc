package dev.switchboard.shared.flows;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Words as a caller says them and as speech recognition writes them: case and punctuation carry
 * nothing ("Sales." and "sales" are the same answer, "customer-service" is "customer service").
 */
final class Phrases {
    private Phrases() {
    }

    /** The words of a text: letters and digits, lower case, everything else a break between words. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    /** The text as its words, one space apart: two phrases that are the same phrase compare equal. */
    static String normal(String text) {
        return String.join(" ", words(text));
    }

    /** Whether {@code phrase} is in {@code said} as whole words, one after another. */
    static boolean contains(List<String> said, List<String> phrase) {
        return !phrase.isEmpty() && Collections.indexOfSubList(said, phrase) >= 0;
    }
}
