package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans a date's day from a schedule: the weekly hours of its weekday, what the previous
 * weekday's overnight hours spill into it, and the overrides that fall on it. A sweep over the
 * day's interval ends keeps a count of open intervals and of each override's closed intervals
 * covering the moment, and starts a stretch wherever the verdict they give changes.
 *
 * <p>Most dates have no override, and their plan is their weekday's: it is made once, as a walk
 * to the next change may pass 400 of them.
 */
final class DayPlanner {
    private final Schedule schedule;
    private final DayPlan[] weekdays = new DayPlan[7];

    DayPlanner(Schedule schedule) {
        this.schedule = schedule;
    }

    DayPlan plan(LocalDate date) {
        List<Override> today = new ArrayList<>();
        List<Override> allDay = new ArrayList<>();
        for (Override override : schedule.overrides()) {
            if (override.fallsOn(date)) {
                today.add(override);
                if (override.effect() instanceof Override.Effect.ClosedAllDay) {
                    allDay.add(override);
                }
            }
        }
        // A day closed all day is closed whatever else is said about it.
        if (!allDay.isEmpty()) {
            return DayPlan.wholeDay(Verdict.closedBy(allDay));
        }
        DayOfWeek day = date.getDayOfWeek();
        if (today.isEmpty()) {
            if (weekdays[day.ordinal()] == null) {
                weekdays[day.ordinal()] = sweep(weeklyEdges(day), today);
            }
            return weekdays[day.ordinal()];
        }
        List<Edge> edges = weeklyEdges(day);
        for (int k = 0; k < today.size(); k++) {
            switch (today.get(k).effect()) {
                case Override.Effect.Open open -> open.intervals()
                        .forEach(hours -> span(edges, hours.startMinute(), hours.endMinute(), Edge.OPENING));
                case Override.Effect.Closed closed -> {
                    int closer = k;
                    closed.intervals().forEach(hours -> span(edges, hours.startMinute(), hours.endMinute(), closer));
                }
                case Override.Effect.ClosedAllDay none -> throw new IllegalStateException("Planned above");
            }
        }
        return sweep(edges, today);
    }

    private List<Edge> weeklyEdges(DayOfWeek day) {
        List<Edge> edges = new ArrayList<>();
        for (Interval hours : schedule.hoursOn(day)) {
            span(edges, hours.startMinute(), hours.endMinute(), Edge.OPENING);
        }
        for (Interval hours : schedule.hoursOn(day.minus(1))) {
            span(edges, 0, hours.nextDayEndMinute(), Edge.OPENING);
        }
        return edges;
    }

    /** Where an open interval (owner OPENING) or an override's closed interval (owner its index) starts or ends. */
    private record Edge(int minute, int change, int owner) {
        static final int OPENING = -1;
    }

    private static void span(List<Edge> edges, int from, int to, int owner) {
        if (from < to) {
            edges.add(new Edge(from, +1, owner));
            edges.add(new Edge(to, -1, owner));
        }
    }

    private static DayPlan sweep(List<Edge> edges, List<Override> today) {
        edges.sort(Comparator.comparingInt(Edge::minute));
        int opening = 0;
        int[] closing = new int[today.size()];
        List<DayPlan.Stretch> stretches = new ArrayList<>();
        Verdict last = null;
        int e = 0;
        // Minute 0 is visited even with no edge there; 24:00 ends the day, not a stretch.
        for (int minute = 0; minute < Interval.MINUTES_A_DAY; minute = e < edges.size() ? edges.get(e).minute() : Interval.MINUTES_A_DAY) {
            while (e < edges.size() && edges.get(e).minute() == minute) {
                Edge edge = edges.get(e++);
                if (edge.owner() == Edge.OPENING) {
                    opening += edge.change();
                } else {
                    closing[edge.owner()] += edge.change();
                }
            }
            Verdict verdict = verdict(opening, closing, today);
            if (!verdict.equals(last)) {
                stretches.add(new DayPlan.Stretch(minute, verdict));
                last = verdict;
            }
        }
        return new DayPlan(stretches);
    }

    private static Verdict verdict(int opening, int[] closing, List<Override> today) {
        List<Override> closers = new ArrayList<>(2);
        for (int k = 0; k < closing.length; k++) {
            if (closing[k] > 0) {
                closers.add(today.get(k));
            }
        }
        // An override's closed intervals win over any hours, weekly or extra.
        if (!closers.isEmpty()) {
            return Verdict.closedBy(closers);
        }
        return opening > 0 ? Verdict.OPEN : Verdict.CLOSED;
    }
}
