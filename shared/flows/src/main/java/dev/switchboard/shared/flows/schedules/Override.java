package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;

/**
 * A change to the weekly hours on some dates: one date, a month-day every year, or the nth
 * weekday of a month every year. Each governs the whole wall-clock day of a date it falls on
 * ({@link Schedules} says how several combine), is marked holiday or not (a holiday closure reads
 * HOLIDAY rather than CLOSED), and may have a name, which a closure gives as its reason.
 *
 * <p>The name is the API's. Inside this package it hides {@code java.lang.Override}, so the
 * annotation is written in full here.
 */
public sealed interface Override permits Override.Dated, Override.Yearly, Override.ByRule {

    Effect effect();

    boolean holiday();

    /** Nullable. */
    String name();

    boolean fallsOn(LocalDate date);

    /** One date. */
    record Dated(LocalDate date, Effect effect, boolean holiday, String name) implements Override {
        public Dated {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(effect, "effect");
        }

        @java.lang.Override
        public boolean fallsOn(LocalDate day) {
            return date.equals(day);
        }
    }

    /** A month-day every year; 02-29 falls only in leap years. */
    record Yearly(MonthDay monthDay, Effect effect, boolean holiday, String name) implements Override {
        public Yearly {
            Objects.requireNonNull(monthDay, "monthDay");
            Objects.requireNonNull(effect, "effect");
        }

        @java.lang.Override
        public boolean fallsOn(LocalDate day) {
            return day.getMonthValue() == monthDay.getMonthValue() && day.getDayOfMonth() == monthDay.getDayOfMonth();
        }
    }

    /**
     * The nth {@code weekday} of {@code month} every year (4th Thursday of November), or the last
     * one when nth is -1. A 5th weekday falls only in the years the month has one.
     */
    record ByRule(Month month, DayOfWeek weekday, int nth, Effect effect, boolean holiday, String name) implements Override {
        public static final int LAST = -1;

        public ByRule {
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(weekday, "weekday");
            Objects.requireNonNull(effect, "effect");
            if (nth != LAST && (nth < 1 || nth > 5)) {
                throw new IllegalArgumentException("nth is 1 to 5, or -1 for the last: " + nth);
            }
        }

        @java.lang.Override
        public boolean fallsOn(LocalDate day) {
            if (day.getMonth() != month || day.getDayOfWeek() != weekday) {
                return false;
            }
            // The days before it in the month that are the same weekday: 0 for the first, and so on.
            int before = (day.getDayOfMonth() - 1) / 7;
            return nth == LAST ? day.plusWeeks(1).getMonth() != month : before + 1 == nth;
        }
    }

    /** What an override does on its day. */
    sealed interface Effect permits Effect.ClosedAllDay, Effect.Closed, Effect.Open {

        /** Closed from 00:00 to 24:00, whatever the weekly hours or other overrides say. */
        record ClosedAllDay() implements Effect {
        }

        /** Closed in these intervals of the day, weekly hours elsewhere. */
        record Closed(List<Interval> intervals) implements Effect {
            public Closed {
                intervals = sameDay(intervals);
            }
        }

        /** Open in these intervals of the day as well as in the weekly hours. */
        record Open(List<Interval> intervals) implements Effect {
            public Open {
                intervals = sameDay(intervals);
            }
        }

        /** An override's day ends at its own midnight: its intervals do not run overnight. */
        private static List<Interval> sameDay(List<Interval> intervals) {
            List<Interval> copy = List.copyOf(intervals);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("An override's intervals are at least one");
            }
            for (Interval interval : copy) {
                if (interval.overnight()) {
                    throw new IllegalArgumentException("An override's interval ends on its own date: " + interval);
                }
            }
            return copy;
        }
    }
}
