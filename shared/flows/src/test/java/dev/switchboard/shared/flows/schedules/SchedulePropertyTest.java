package dev.switchboard.shared.flows.schedules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Schedules#statusAt} held to {@link WallClockOracle} on random schedules in zones with
 * half-hour and 45-minute offsets, both hemispheres and midnight jumps, each over a window of
 * {@value #WINDOW_HOURS} hours either side of one of its zone's offset transitions in 2026 and
 * 2027 (the schedules go round the zones and, in each, round its transitions), sampled every few
 * minutes at odd seconds and at each transition and a second either side.
 *
 * <p>At each sample the state and reason must be the oracle's; the oracle must hold them at the
 * midpoint to the next change, a second and a nanosecond before it, and differ at it; no two
 * samples may differ without a change announced between them; and "no change within 400 days"
 * is checked at every instant in those days where the rules could change anything. Run another
 * seed with {@code -Dschedules.seed=…}.
 */
class SchedulePropertyTest {
    private static final int SCHEDULES = 2100;
    private static final int WINDOW_HOURS = 24;
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2028-01-01T00:00:00Z");
    private static final Duration HORIZON = Duration.ofDays(400);

    static long seed() {
        return Long.getLong("schedules.seed", 20_261_207L);
    }

    @Test
    void statusAgreesWithTheWallClockRulesAndChangesExactlyWhenItSays() {
        long seed = seed();
        Random random = new Random(seed);
        RandomSchedules schedules = new RandomSchedules(random);
        for (int n = 0; n < SCHEDULES; n++) {
            ZoneId zone = RandomSchedules.ZONES.get(n % RandomSchedules.ZONES.size());
            List<Instant> transitions = transitions(zone);
            // Zones without transitions (Kolkata) get instants spread over the two years.
            Instant center = transitions.isEmpty()
                    ? FROM.plusSeconds(random.nextLong(Duration.between(FROM, TO).toSeconds()))
                    : transitions.get(n / RandomSchedules.ZONES.size() % transitions.size());
            Schedule s = schedules.schedule(zone, LocalDate.ofInstant(center, zone), center);
            check(s, samples(center, transitions, random), "seed " + seed + ", schedule " + n + " " + s);
        }
    }

    private static void check(Schedule s, List<Instant> samples, String about) {
        List<WallClockOracle.Expected> expectations = samples.stream().map(t -> WallClockOracle.at(s, t)).toList();
        boolean previousSaidNone = false;
        for (int k = 0; k < samples.size(); k++) {
            Instant t = samples.get(k);
            WallClockOracle.Expected expected = expectations.get(k);
            // Messages are built only on failure: the schedule's text is long.
            Supplier<String> at = () -> about + " at " + t;
            ScheduleStatus status = Schedules.statusAt(s, t);
            assertEquals(expected, new WallClockOracle.Expected(status.state(), status.reason()), at);
            Instant next = status.nextChangeAt();
            boolean saidNone = previousSaidNone;
            previousSaidNone = next == null;
            if (next != null) {
                assertTrue(next.isAfter(t), () -> at.get() + ": said " + next);
                Instant mid = t.plus(Duration.between(t, next).dividedBy(2));
                assertEquals(expected, WallClockOracle.at(s, mid), () -> at.get() + ": before the change at " + next);
                if (next.minusSeconds(1).isAfter(t)) {
                    assertEquals(expected, WallClockOracle.at(s, next.minusSeconds(1)), () -> at.get() + ": a second before " + next);
                }
                assertEquals(expected, WallClockOracle.at(s, next.minusNanos(1)), () -> at.get() + ": just before " + next);
                assertNotEquals(expected, WallClockOracle.at(s, next), () -> at.get() + ": at the change " + next);
            } else {
                for (int j = k + 1; j < samples.size(); j++) {
                    Instant later = samples.get(j);
                    assertEquals(expected, expectations.get(j), () -> at.get() + ": no change said, but at " + later);
                }
                // The later samples keep to the same answer: checking from the first of a run of them is enough.
                if (!saidNone) {
                    for (Instant later : whereTheRulesCouldChange(s, t)) {
                        assertEquals(expected, WallClockOracle.at(s, later), () -> at.get() + ": no change said, but at " + later);
                    }
                }
            }
            // No change slips between two samples unannounced.
            if (k + 1 < samples.size() && !expectations.get(k + 1).equals(expected)) {
                Instant following = samples.get(k + 1);
                assertTrue(next != null && !next.isAfter(following), () -> at.get() + ": changes by " + following + ", said " + next);
            }
        }
    }

    /**
     * The instants within 400 days after t where a state may change by the rules: each time of
     * day an interval of the schedule starts or ends (and midnight) on each date, at both offsets
     * where the date has it twice; each offset transition; the emergency's end.
     */
    private static List<Instant> whereTheRulesCouldChange(Schedule s, Instant t) {
        TreeSet<LocalTime> times = new TreeSet<>(List.of(LocalTime.MIDNIGHT));
        List<Interval> intervals = new ArrayList<>();
        s.weekly().values().forEach(intervals::addAll);
        for (Override o : s.overrides()) {
            if (o.effect() instanceof Override.Effect.Closed(List<Interval> closed)) {
                intervals.addAll(closed);
            } else if (o.effect() instanceof Override.Effect.Open(List<Interval> open)) {
                intervals.addAll(open);
            }
        }
        intervals.forEach(i -> {
            times.add(i.from());
            times.add(i.to());
        });
        Instant end = t.plus(HORIZON);
        ZoneRules rules = s.zone().getRules();
        List<Instant> instants = new ArrayList<>();
        for (LocalDate date = LocalDate.ofInstant(t, s.zone()); !date.isAfter(LocalDate.ofInstant(end, s.zone())); date = date.plusDays(1)) {
            for (LocalTime time : times) {
                LocalDateTime local = date.atTime(time);
                rules.getValidOffsets(local).forEach(offset -> instants.add(local.toInstant(offset)));
            }
        }
        for (ZoneOffsetTransition tr = rules.nextTransition(t); tr != null && tr.getInstant().isBefore(end); tr = rules.nextTransition(tr.getInstant())) {
            instants.add(tr.getInstant());
        }
        if (s.emergency() != null && s.emergency().until() != null) {
            instants.add(s.emergency().until());
        }
        instants.removeIf(i -> !i.isAfter(t) || !i.isBefore(end));
        return instants;
    }

    /** Every few minutes at odd seconds across the window, and each transition in it with a second either side. */
    private static List<Instant> samples(Instant center, List<Instant> transitions, Random random) {
        Instant start = center.minus(Duration.ofHours(WINDOW_HOURS));
        Instant end = center.plus(Duration.ofHours(WINDOW_HOURS));
        TreeSet<Instant> samples = new TreeSet<>();
        for (Instant t = start.plusSeconds(random.nextInt(300)); t.isBefore(end); t = t.plusSeconds(60L * (3 + random.nextInt(8)) + random.nextInt(60))) {
            samples.add(t);
        }
        for (Instant transition : transitions) {
            if (transition.isAfter(start) && transition.isBefore(end)) {
                samples.add(transition.minusSeconds(1));
                samples.add(transition);
                samples.add(transition.plusSeconds(1));
            }
        }
        return new ArrayList<>(samples);
    }

    private static List<Instant> transitions(ZoneId zone) {
        List<Instant> transitions = new ArrayList<>();
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(FROM); tr != null && tr.getInstant().isBefore(TO);
             tr = zone.getRules().nextTransition(tr.getInstant())) {
            transitions.add(tr.getInstant());
        }
        return transitions;
    }
}
