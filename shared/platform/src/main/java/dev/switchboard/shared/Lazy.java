package dev.switchboard.shared;

import java.util.function.Supplier;

/** A value built on first use, once: what a function never uses it never builds (cold start). */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> load;
    private volatile T value;

    private Lazy(Supplier<T> load) {
        this.load = load;
    }

    public static <T> Supplier<T> of(Supplier<T> load) {
        return new Lazy<>(load);
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = load.get();
        }
        return value;
    }
}
