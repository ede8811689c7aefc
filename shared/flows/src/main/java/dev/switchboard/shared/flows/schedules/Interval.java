package dev.switchboard.shared.flows.schedules;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Hours on one day, in wall-clock time: from {@code from} (in) to {@code to} (out).
 *
 * <p>{@code toEndOfDay} is the API's "24:00": the interval runs to midnight at the end of its day,
 * and {@code to} is then 00:00, so one span has one record. Otherwise a {@code to} before
 * {@code from} runs overnight: {@code [from, 24:00)} on its day and {@code [00:00, to)} on the
 * next. Times are whole minutes, as the API writes them, so every change of state falls on a
 * minute. An interval from a time to the same time is refused: it would read as both empty and a
 * whole day.
 */
public record Interval(LocalTime from, LocalTime to, boolean toEndOfDay) {
    static final int MINUTES_A_DAY = 24 * 60;

    public Interval {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.getSecond() != 0 || from.getNano() != 0 || to.getSecond() != 0 || to.getNano() != 0) {
            throw new IllegalArgumentException("Interval times are whole minutes: " + from + "–" + to);
        }
        if (toEndOfDay && !to.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("An interval to the end of the day has to 00:00, not " + to);
        }
        if (!toEndOfDay && from.equals(to)) {
            throw new IllegalArgumentException("An interval from " + from + " to the same time: write 00:00–24:00 for a whole day");
        }
    }

    public static Interval of(LocalTime from, LocalTime to) {
        return new Interval(from, to, false);
    }

    /** From {@code from} to 24:00. */
    public static Interval untilEndOfDay(LocalTime from) {
        return new Interval(from, LocalTime.MIDNIGHT, true);
    }

    /** Whether the interval runs past midnight into the next day. */
    public boolean overnight() {
        return !toEndOfDay && to.isBefore(from);
    }

    int startMinute() {
        return minuteOf(from);
    }

    /** Where the interval ends on the day it starts: 24:00 (1440) for one to the end of the day or overnight. */
    int endMinute() {
        return toEndOfDay || overnight() ? MINUTES_A_DAY : minuteOf(to);
    }

    /** Where an overnight interval ends on the next day; 0 (nothing) for any other. */
    int nextDayEndMinute() {
        return overnight() ? minuteOf(to) : 0;
    }

    private static int minuteOf(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }
}
