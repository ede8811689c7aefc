package dev.switchboard.shared.flows.schedules;

import java.time.Instant;

/**
 * Whether a schedule is open at an instant, and when that next changes.
 *
 * <p>A schedule is read in its zone's wall-clock time. At instant t, let L be t in the zone
 * (a {@code LocalDateTime}), D its date and T its time of day.
 * <ol>
 * <li><b>Emergency.</b> When the schedule has one and it has no {@code until} or t is before it,
 *     the state is EMERGENCY with the emergency's message as reason, whatever else says.</li>
 * <li><b>Weekly hours.</b> Open when T is in one of the intervals of D's weekday
 *     ({@code [from, to)}, or {@code [from, 24:00)} for one to 24:00 or overnight), or in the
 *     spill {@code [00:00, to)} of an overnight interval of the previous weekday. The spill comes
 *     from the previous weekday's hours, whatever overrides say of the previous date: they govern
 *     that date only.</li>
 * <li><b>Overrides.</b> The overrides that fall on D (a dated one for D, a yearly one for D's
 *     month-day, a rule one whose nth weekday of the month is D) govern D's whole day, 00:00 to
 *     24:00, the spill from the day before included:
 *     <ul>
 *     <li>when any is closed all day, D is closed all day: HOLIDAY when any of those is a
 *         holiday, else CLOSED; the reason is the name of the first of them (in the schedule's
 *         order) that is a holiday, or of the first when none is;</li>
 *     <li>otherwise T in a closed interval of any of them is HOLIDAY or CLOSED by the same rule
 *         among the overrides whose closed intervals hold T;</li>
 *     <li>otherwise T in an open interval of any of them is OPEN, as well as in the weekly
 *         hours. Closed wins where closed and open intervals meet.</li>
 *     </ul></li>
 * <li>Anything else is CLOSED. OPEN and this plain CLOSED have no reason.</li>
 * </ol>
 *
 * <p>Daylight saving time follows from the wall clock: local times the zone skips (the
 * spring-forward gap) never happen, so hours 02:30–03:30 on a night when 02:00 jumps to 03:00
 * are open from the jump to 03:30; local times the zone has twice (fall back) are open both
 * times when the rule says so.
 *
 * <p>{@link ScheduleStatus#nextChangeAt()} is the first instant after t at which the state or
 * the reason differs, exact to the nanosecond: a change falls on a wall-clock minute, at an
 * offset transition of the zone, or at the emergency's {@code until}. It is null when nothing
 * changes within 400 days, as for a schedule open around the clock.
 */
public final class Schedules {
    private Schedules() {
    }

    public static ScheduleStatus statusAt(Schedule schedule, Instant t) {
        Emergency emergency = schedule.emergency();
        if (emergency != null && emergency.activeAt(t)) {
            Instant until = emergency.until();
            Instant next = until != null && until.isBefore(t.plus(Timeline.HORIZON)) ? until : null;
            return new ScheduleStatus(OpenState.EMERGENCY, emergency.message(), next);
        }
        Timeline timeline = new Timeline(schedule);
        Verdict now = timeline.verdictAt(t);
        return new ScheduleStatus(now.state(), now.reason(), timeline.nextChangeAfter(t, now));
    }
}
