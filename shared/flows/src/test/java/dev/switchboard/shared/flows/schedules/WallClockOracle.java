package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@link Schedules}, read straight off a schedule's data at one instant, for the
 * property test to hold the production code to: no day plans, no sweeps, no walk over offset
 * transitions, only the instant's wall-clock date and time compared with each rule.
 */
final class WallClockOracle {

    record Expected(OpenState state, String reason) {
    }

    private WallClockOracle() {
    }

    static Expected at(Schedule s, Instant t) {
        Emergency emergency = s.emergency();
        if (emergency != null && (emergency.until() == null || t.isBefore(emergency.until()))) {
            return new Expected(OpenState.EMERGENCY, emergency.message());
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, s.zone());
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();

        List<Override> today = new ArrayList<>();
        for (Override o : s.overrides()) {
            if (fallsOn(o, date)) {
                today.add(o);
            }
        }
        List<Override> allDay = new ArrayList<>();
        List<Override> closing = new ArrayList<>();
        boolean extra = false;
        for (Override o : today) {
            switch (o.effect()) {
                case Override.Effect.ClosedAllDay c -> allDay.add(o);
                case Override.Effect.Closed c -> {
                    if (c.intervals().stream().anyMatch(i -> holdsSameDay(i, time))) {
                        closing.add(o);
                    }
                }
                case Override.Effect.Open open -> extra |= open.intervals().stream().anyMatch(i -> holdsSameDay(i, time));
            }
        }
        if (!allDay.isEmpty()) {
            return closure(allDay);
        }
        if (!closing.isEmpty()) {
            return closure(closing);
        }
        boolean weekly = s.weekly().getOrDefault(date.getDayOfWeek(), List.of()).stream().anyMatch(i -> holdsSameDay(i, time));
        DayOfWeek yesterday = date.minusDays(1).getDayOfWeek();
        boolean spill = s.weekly().getOrDefault(yesterday, List.of()).stream()
                .anyMatch(i -> runsOvernight(i) && time.isBefore(i.to()));
        return weekly || spill || extra ? new Expected(OpenState.OPEN, null) : new Expected(OpenState.CLOSED, null);
    }

    /** Whether time is in the part of the interval on the day it starts. */
    private static boolean holdsSameDay(Interval i, LocalTime time) {
        return !time.isBefore(i.from()) && (i.toEndOfDay() || runsOvernight(i) || time.isBefore(i.to()));
    }

    private static boolean runsOvernight(Interval i) {
        return !i.toEndOfDay() && !i.to().isAfter(i.from());
    }

    private static Expected closure(List<Override> closers) {
        for (Override o : closers) {
            if (o.holiday()) {
                return new Expected(OpenState.HOLIDAY, o.name());
            }
        }
        return new Expected(OpenState.CLOSED, closers.getFirst().name());
    }

    private static boolean fallsOn(Override o, LocalDate date) {
        return switch (o) {
            case Override.Dated d -> d.date().equals(date);
            case Override.Yearly y -> y.monthDay().getMonth() == date.getMonth() && y.monthDay().getDayOfMonth() == date.getDayOfMonth();
            case Override.ByRule r -> {
                if (r.month() != date.getMonth()) {
                    yield false;
                }
                List<LocalDate> weekdays = new ArrayList<>();
                for (LocalDate d = date.withDayOfMonth(1); d.getMonth() == date.getMonth(); d = d.plusDays(1)) {
                    if (d.getDayOfWeek() == r.weekday()) {
                        weekdays.add(d);
                    }
                }
                LocalDate nth = r.nth() == -1 ? weekdays.getLast() : r.nth() <= weekdays.size() ? weekdays.get(r.nth() - 1) : null;
                yield date.equals(nth);
            }
        };
    }
}
