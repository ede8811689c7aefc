package dev.switchboard.local.bench;

import java.util.Arrays;

/** A benchmark's command-line options: {@code --name value}, each optional. */
public final class Options {
    private Options() {
    }

    /** The whole number after {@code name}, or {@code fallback} when it is not given. */
    public static int integer(String[] args, String name, int fallback) {
        String value = text(args, name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** The value after {@code name}; null when it is not given. */
    public static String text(String[] args, String name) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? args[at + 1] : null;
    }
}
