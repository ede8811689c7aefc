package dev.switchboard.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** README.md as the tests read it: the parts between its markers, and the fenced blocks in them. */
final class Readme {
    static final Path PATH = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```([a-z]*)\\n(.*?)^```$");

    private Readme() {
    }

    static String text() {
        try {
            return Files.readString(PATH, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("README.md", e);
        }
    }

    /** What stands between {@code <!-- name:start -->} and {@code <!-- name:end -->}. */
    static String section(String name) {
        String readme = text();
        int start = readme.indexOf("<!-- " + name + ":start -->");
        int end = readme.indexOf("<!-- " + name + ":end -->");
        assertTrue(start > 0 && end > start, "README marks its " + name + " section");
        return readme.substring(start, end);
    }

    /** The fenced blocks of a text in order, each as {language, content}; language is "" when none. */
    static List<String[]> blocks(String text) {
        List<String[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new String[]{m.group(1), m.group(2)});
        }
        return blocks;
    }

    /** The one block of this language in a text. */
    static String block(String text, String language) {
        List<String> found = blocks(text).stream().filter(b -> b[0].equals(language)).map(b -> b[1]).toList();
        assertTrue(found.size() == 1, "one ```" + language + " block, found " + found.size());
        return found.getFirst();
    }

    static boolean has(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
