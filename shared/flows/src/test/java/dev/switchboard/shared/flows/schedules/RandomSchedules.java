package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Valid schedules that exercise the rules near a date: overnight hours, hours ending at 24:00,
 * hours at the times zones jump (01:00–03:45), overrides of each kind falling on the days around
 * it, and emergencies ending near an instant.
 */
final class RandomSchedules {
    /** Half-hour, 45-minute (Chatham), southern-hemisphere and midnight-jumping (Santiago) offsets. */
    static final List<ZoneId> ZONES = List.of("Asia/Kolkata", "America/St_Johns", "Australia/Sydney", "America/Santiago",
            "Europe/London", "America/New_York", "Pacific/Chatham").stream().map(ZoneId::of).toList();

    /** Minutes of the day where zones jump, and the ends of the day. */
    private static final int[] NEAR_JUMPS = {0, 30, 60, 90, 105, 120, 135, 150, 165, 180, 195, 210, 225, 240, 1380, 1410, 1439};

    private final Random random;
    private int names;

    RandomSchedules(Random random) {
        this.random = random;
    }

    Schedule schedule(ZoneId zone, LocalDate around, Instant when) {
        Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
        int kind = random.nextInt(30);
        boolean aroundTheClock = kind == 0;
        // Overrides alone: the next change is often months away, or never.
        boolean sparse = kind == 1 || kind == 2;
        for (DayOfWeek day : DayOfWeek.values()) {
            if (sparse) {
                break;
            } else if (aroundTheClock) {
                weekly.put(day, List.of(Interval.untilEndOfDay(LocalTime.MIDNIGHT)));
            } else if (random.nextInt(10) < 7) {
                weekly.put(day, intervals(random.nextInt(5), true));
            }
        }
        List<Override> overrides = new ArrayList<>();
        for (int n = aroundTheClock && random.nextBoolean() ? 0 : sparse ? 1 + random.nextInt(2) : random.nextInt(5); n > 0; n--) {
            overrides.add(override(around.plusDays(random.nextInt(5) - 2)));
        }
        return new Schedule("sch_" + random.nextInt(1000), name(), zone, weekly, overrides, emergency(when));
    }

    /** Up to count intervals that do not overlap on their day; the last may run to 24:00 or overnight. */
    private List<Interval> intervals(int count, boolean overnight) {
        TreeSet<Integer> cuts = new TreeSet<>();
        while (cuts.size() < 2 * count) {
            cuts.add(minute());
        }
        List<Integer> sorted = new ArrayList<>(cuts);
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int from = sorted.get(2 * i);
            int to = sorted.get(2 * i + 1);
            boolean last = i == count - 1;
            int end = random.nextInt(10);
            if (last && end < 2) {
                intervals.add(Interval.untilEndOfDay(time(from)));
            } else if (last && overnight && end < 5 && from > 0) {
                intervals.add(Interval.of(time(from), time(random.nextInt(2) == 0 ? nearJump() % from : random.nextInt(from))));
            } else {
                intervals.add(Interval.of(time(from), time(to)));
            }
        }
        if (random.nextInt(20) == 0 && intervals.isEmpty()) {
            intervals.add(Interval.untilEndOfDay(LocalTime.MIDNIGHT));
        }
        Collections.shuffle(intervals, random);
        return intervals;
    }

    private Override override(LocalDate date) {
        Override.Effect effect = switch (random.nextInt(3)) {
            case 0 -> new Override.Effect.ClosedAllDay();
            case 1 -> new Override.Effect.Closed(intervals(1 + random.nextInt(3), false));
            default -> new Override.Effect.Open(intervals(1 + random.nextInt(3), false));
        };
        boolean holiday = random.nextBoolean();
        String name = name();
        return switch (random.nextInt(3)) {
            case 0 -> new Override.Dated(date, effect, holiday, name);
            case 1 -> new Override.Yearly(random.nextInt(10) == 0 ? MonthDay.of(2, 29) : MonthDay.from(date), effect, holiday, name);
            default -> {
                if (random.nextInt(4) == 0) {
                    int nth = random.nextInt(6);
                    yield new Override.ByRule(Month.of(1 + random.nextInt(12)), DayOfWeek.of(1 + random.nextInt(7)),
                            nth == 0 ? -1 : nth, effect, holiday, name);
                }
                boolean last = date.plusWeeks(1).getMonth() != date.getMonth() && random.nextBoolean();
                int nth = last ? -1 : (date.getDayOfMonth() - 1) / 7 + 1;
                yield new Override.ByRule(date.getMonth(), date.getDayOfWeek(), nth, effect, holiday, name);
            }
        };
    }

    private Emergency emergency(Instant when) {
        int kind = random.nextInt(100);
        if (kind < 12) {
            return new Emergency("Storm " + kind, when.plusSeconds(random.nextLong(-2 * 86_400, 2 * 86_400)));
        }
        if (kind < 14) {
            return new Emergency("Closed until further notice", null);
        }
        return kind < 18 ? new Emergency("Long over", Instant.parse("2025-01-01T00:00:00Z")) : null;
    }

    private String name() {
        return random.nextInt(4) == 0 ? null : "name " + ++names;
    }

    private int minute() {
        return random.nextInt(3) == 0 ? random.nextInt(1440) : nearJump();
    }

    private int nearJump() {
        return random.nextBoolean() ? NEAR_JUMPS[random.nextInt(NEAR_JUMPS.length)] : 60 + random.nextInt(166);
    }

    private static LocalTime time(int minute) {
        return LocalTime.of(minute / 60, minute % 60);
    }
}
