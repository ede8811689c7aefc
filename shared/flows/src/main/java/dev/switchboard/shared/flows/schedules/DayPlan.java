package dev.switchboard.shared.flows.schedules;

import java.util.List;

/**
 * A wall-clock day, 00:00 to 24:00, cut into stretches that each have one verdict: the first
 * starts at minute 0, each runs to where the next starts, and neighbours differ.
 */
record DayPlan(List<Stretch> stretches) {

    record Stretch(int fromMinute, Verdict verdict) {
    }

    DayPlan {
        stretches = List.copyOf(stretches);
        if (stretches.isEmpty() || stretches.getFirst().fromMinute() != 0) {
            throw new IllegalArgumentException("A day plan starts at 00:00");
        }
    }

    static DayPlan wholeDay(Verdict verdict) {
        return new DayPlan(List.of(new Stretch(0, verdict)));
    }

    Verdict at(int minuteOfDay) {
        Verdict verdict = null;
        for (Stretch stretch : stretches) {
            if (stretch.fromMinute() > minuteOfDay) {
                break;
            }
            verdict = stretch.verdict();
        }
        return verdict;
    }
}
