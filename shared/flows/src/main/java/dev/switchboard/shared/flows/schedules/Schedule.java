package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's business hours: weekly hours in a time zone, overrides for dates, and an emergency
 * closure. {@link Schedules#statusAt} evaluates one; {@link ScheduleJson} reads and writes the
 * API's JSON, and checks what a client may send.
 *
 * <p>Days without hours are left out of {@code weekly}, so a day given no intervals and a day not
 * given are the same schedule.
 *
 * @param id        the stored schedule's id; null for one not stored
 * @param name      nullable
 * @param emergency nullable
 */
public record Schedule(String id, String name, ZoneId zone, Map<DayOfWeek, List<Interval>> weekly,
                       List<Override> overrides, Emergency emergency) {

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        weekly = copy(weekly == null ? Map.of() : weekly);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** The weekly intervals that start on this weekday. */
    public List<Interval> hoursOn(DayOfWeek day) {
        return weekly.getOrDefault(day, List.of());
    }

    private static Map<DayOfWeek, List<Interval>> copy(Map<DayOfWeek, List<Interval>> weekly) {
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, intervals) -> {
            if (!intervals.isEmpty()) {
                copy.put(Objects.requireNonNull(day, "day"), List.copyOf(intervals));
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
