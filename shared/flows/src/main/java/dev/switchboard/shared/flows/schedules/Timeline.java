package dev.switchboard.shared.flows.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A schedule's verdicts along the instants, emergency aside. Between two of the zone's offset
 * transitions, wall-clock time runs with the instant, so the next change there is the first later
 * stretch of the day plans with another verdict, moved back by the offset. At a transition the
 * wall clock jumps (forward over a gap, back over an overlap): the verdict after the jump is
 * compared with the one before. Day plans are built as the walk reaches their dates.
 */
final class Timeline {
    static final Duration HORIZON = Duration.ofDays(400);

    private final ZoneRules rules;
    private final DayPlanner planner;
    private LocalDate lastDate;
    private DayPlan lastPlan;

    Timeline(Schedule schedule) {
        this.rules = schedule.zone().getRules();
        this.planner = new DayPlanner(schedule);
    }

    Verdict verdictAt(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, rules.getOffset(t));
        return plan(local.toLocalDate()).at(local.getHour() * 60 + local.getMinute());
    }

    /** The first instant after t whose verdict is not {@code now} (t's), or null when none comes within the horizon. */
    Instant nextChangeAfter(Instant t, Verdict now) {
        Instant horizon = t.plus(HORIZON);
        Instant cursor = t;
        while (true) {
            ZoneOffset offset = rules.getOffset(cursor);
            ZoneOffsetTransition transition = rules.nextTransition(cursor);
            Instant end = transition == null || !transition.getInstant().isBefore(horizon) ? horizon : transition.getInstant();
            LocalDateTime change = firstChange(LocalDateTime.ofInstant(cursor, offset), LocalDateTime.ofInstant(end, offset), now);
            if (change != null) {
                return change.toInstant(offset);
            }
            if (end.equals(horizon)) {
                return null;
            }
            cursor = end;
            if (!verdictAt(cursor).equals(now)) {
                return cursor;
            }
        }
    }

    /** The start of the first stretch after {@code from} and before {@code until} (wall clock) whose verdict is not {@code now}. */
    private LocalDateTime firstChange(LocalDateTime from, LocalDateTime until, Verdict now) {
        for (LocalDate date = from.toLocalDate(); !date.isAfter(until.toLocalDate()); date = date.plusDays(1)) {
            for (DayPlan.Stretch stretch : plan(date).stretches()) {
                LocalDateTime start = date.atStartOfDay().plusMinutes(stretch.fromMinute());
                if (!start.isAfter(from)) {
                    continue; // the stretch holding from, which has now's verdict, or one before it
                }
                if (!start.isBefore(until)) {
                    return null;
                }
                if (!stretch.verdict().equals(now)) {
                    return start;
                }
            }
        }
        return null;
    }

    private DayPlan plan(LocalDate date) {
        // The walk asks for the same date over and over, and for the dates in order.
        if (!date.equals(lastDate)) {
            lastPlan = planner.plan(date);
            lastDate = date;
        }
        return lastPlan;
    }
}
