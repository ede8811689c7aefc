package dev.switchboard.shared.flows.schedules;

import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static dev.switchboard.shared.flows.schedules.OpenState.CLOSED;
import static dev.switchboard.shared.flows.schedules.OpenState.EMERGENCY;
import static dev.switchboard.shared.flows.schedules.OpenState.HOLIDAY;
import static dev.switchboard.shared.flows.schedules.OpenState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule of {@link Schedules} on examples worked by hand; New York unless said. */
class SchedulesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Schedule schedule(String json) {
        return ScheduleJson.read(Json.parse(json.replace('\'', '"')), "s1");
    }

    private static Instant ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    private static void assertStatus(ScheduleStatus status, OpenState state, String reason, Instant next) {
        assertEquals(new ScheduleStatus(state, reason, next), status);
    }

    @Test
    void weeklyHoursAreOpenFromTheirStartToJustBeforeTheirEnd() {
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'mon': [{'from': '09:00', 'to': '12:00'}, {'from': '13:00', 'to': '17:30'}]}}");
        // 2026-12-07 is a Monday.
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T08:59:59.999")), CLOSED, null, ny("2026-12-07T09:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T09:00")), OPEN, null, ny("2026-12-07T12:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T12:00")), CLOSED, null, ny("2026-12-07T13:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T17:29:59")), OPEN, null, ny("2026-12-07T17:30"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T17:30")), CLOSED, null, ny("2026-12-14T09:00"));
        assertTrue(Schedules.statusAt(s, ny("2026-12-07T10:00")).open());
    }

    @Test
    void overnightHoursSpillIntoTheNextDayUnlessItIsAHoliday() {
        String weekly = "'timeZone': 'America/New_York', 'weekly': {'fri': [{'from': '22:00', 'to': '02:00'}]}";
        Schedule plain = schedule("{" + weekly + "}");
        // 2026-12-04 is a Friday.
        assertStatus(Schedules.statusAt(plain, ny("2026-12-04T21:00")), CLOSED, null, ny("2026-12-04T22:00"));
        assertStatus(Schedules.statusAt(plain, ny("2026-12-04T23:00")), OPEN, null, ny("2026-12-05T02:00"));
        assertStatus(Schedules.statusAt(plain, ny("2026-12-05T01:59:59")), OPEN, null, ny("2026-12-05T02:00"));
        assertStatus(Schedules.statusAt(plain, ny("2026-12-05T02:00")), CLOSED, null, ny("2026-12-11T22:00"));

        Schedule saturdayOff = schedule("{" + weekly + ", 'overrides': [{'date': '2026-12-05', 'closed': 'all-day', 'holiday': true, 'name': 'Founders Day'}]}");
        assertStatus(Schedules.statusAt(saturdayOff, ny("2026-12-04T23:00")), OPEN, null, ny("2026-12-05T00:00"));
        assertStatus(Schedules.statusAt(saturdayOff, ny("2026-12-05T00:00")), HOLIDAY, "Founders Day", ny("2026-12-06T00:00"));
        assertStatus(Schedules.statusAt(saturdayOff, ny("2026-12-06T00:00")), CLOSED, null, ny("2026-12-11T22:00"));

        // A holiday on the Friday closes its evening; the spill into Saturday is Saturday's.
        Schedule fridayOff = schedule("{" + weekly + ", 'overrides': [{'date': '2026-12-04', 'closed': 'all-day', 'holiday': true, 'name': 'Founders Day'}]}");
        assertStatus(Schedules.statusAt(fridayOff, ny("2026-12-04T23:00")), HOLIDAY, "Founders Day", ny("2026-12-05T00:00"));
        assertStatus(Schedules.statusAt(fridayOff, ny("2026-12-05T00:00")), OPEN, null, ny("2026-12-05T02:00"));
    }

    @Test
    void aPartDayHolidayClosesOnlyItsIntervals() {
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'thu': [{'from': '09:00', 'to': '17:00'}], 'fri': [{'from': '09:00', 'to': '17:00'}]},"
                + " 'overrides': [{'date': '2026-12-24', 'closed': [{'from': '12:00', 'to': '24:00'}], 'holiday': true, 'name': 'Christmas Eve'},"
                + " {'yearly': '12-25', 'closed': [{'from': '15:00', 'to': '24:00'}], 'name': 'Early close'}]}");
        assertStatus(Schedules.statusAt(s, ny("2026-12-24T11:59")), OPEN, null, ny("2026-12-24T12:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-24T12:00")), HOLIDAY, "Christmas Eve", ny("2026-12-25T00:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-25T00:00")), CLOSED, null, ny("2026-12-25T09:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-25T14:00")), OPEN, null, ny("2026-12-25T15:00"));
        // Not a holiday: closed, with the override's name.
        assertStatus(Schedules.statusAt(s, ny("2026-12-25T15:00")), CLOSED, "Early close", ny("2026-12-26T00:00"));
    }

    @Test
    void extraHoursOpenAsWellAsTheWeeklyOnesAndJoinThem() {
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'sat': [{'from': '09:00', 'to': '12:00'}]},"
                + " 'overrides': [{'date': '2026-12-26', 'open': [{'from': '12:00', 'to': '14:00'}, {'from': '20:00', 'to': '24:00'}], 'name': 'Sale'}]}");
        assertStatus(Schedules.statusAt(s, ny("2026-12-26T09:00")), OPEN, null, ny("2026-12-26T14:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-26T14:00")), CLOSED, null, ny("2026-12-26T20:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-26T23:59:59")), OPEN, null, ny("2026-12-27T00:00"));
        assertStatus(Schedules.statusAt(s, ny("2027-01-02T12:00")), CLOSED, null, ny("2027-01-09T09:00"));
    }

    @Test
    void february29thFallsInLeapYearsOnly() {
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'mon': [{'from': '00:00', 'to': '24:00'}], 'tue': [{'from': '00:00', 'to': '24:00'}]},"
                + " 'overrides': [{'yearly': '02-29', 'closed': 'all-day', 'holiday': true, 'name': 'Leap day'}]}");
        // 2028-02-29 is a Tuesday; 2033-03-01, after a 28-day February, is one too.
        assertStatus(Schedules.statusAt(s, ny("2028-02-29T10:00")), HOLIDAY, "Leap day", ny("2028-03-01T00:00"));
        assertEquals(OPEN, Schedules.statusAt(s, ny("2033-03-01T10:00")).state());
        assertEquals(OPEN, Schedules.statusAt(s, ny("2033-02-28T10:00")).state());
    }

    @Test
    void ruleOverridesFallOnTheNthOrLastWeekdayOfTheMonth() {
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'mon': [{'from': '09:00', 'to': '17:00'}], 'thu': [{'from': '09:00', 'to': '17:00'}]},"
                + " 'overrides': [{'rule': {'month': 5, 'weekday': 'mon', 'nth': -1}, 'closed': 'all-day', 'holiday': true, 'name': 'Memorial Day'},"
                + " {'rule': {'month': 11, 'weekday': 'thu', 'nth': 4}, 'closed': 'all-day', 'holiday': true, 'name': 'Thanksgiving'},"
                + " {'rule': {'month': 10, 'weekday': 'thu', 'nth': 5}, 'closed': 'all-day', 'name': 'Fifth Thursday'},"
                + " {'rule': {'month': 11, 'weekday': 'thu', 'nth': 5}, 'closed': 'all-day', 'name': 'No such day'}]}");
        assertEquals(OPEN, Schedules.statusAt(s, ny("2026-05-18T10:00")).state());
        assertStatus(Schedules.statusAt(s, ny("2026-05-25T10:00")), HOLIDAY, "Memorial Day", ny("2026-05-26T00:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-11-26T10:00")), HOLIDAY, "Thanksgiving", ny("2026-11-27T00:00"));
        // October 2026 has five Thursdays (the 1st … the 29th); November 2026 has four.
        assertStatus(Schedules.statusAt(s, ny("2026-10-29T10:00")), CLOSED, "Fifth Thursday", ny("2026-10-30T00:00"));
        assertEquals(OPEN, Schedules.statusAt(s, ny("2026-10-22T10:00")).state());
        for (String thursday : new String[]{"2026-11-05", "2026-11-12", "2026-11-19"}) {
            assertEquals(OPEN, Schedules.statusAt(s, ny(thursday + "T10:00")).state(), thursday);
        }
    }

    @Test
    void severalOverridesOnOneDay() {
        String weekly = "'timeZone': 'America/New_York', 'weekly': {'mon': [{'from': '09:00', 'to': '17:00'}]}";
        Schedule s = schedule("{" + weekly + ", 'overrides': ["
                + "{'date': '2026-12-07', 'closed': [{'from': '12:00', 'to': '14:00'}], 'name': 'Staff meeting'},"
                + "{'date': '2026-12-07', 'open': [{'from': '13:00', 'to': '18:00'}], 'name': 'Late opening'},"
                + "{'yearly': '12-07', 'closed': [{'from': '13:30', 'to': '15:00'}], 'holiday': true, 'name': 'Anniversary'}]}");
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T09:00")), OPEN, null, ny("2026-12-07T12:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T12:00")), CLOSED, "Staff meeting", ny("2026-12-07T13:30"));
        // Where both close, a holiday outranks a plain closure.
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T13:30")), HOLIDAY, "Anniversary", ny("2026-12-07T15:00"));
        assertStatus(Schedules.statusAt(s, ny("2026-12-07T15:00")), OPEN, null, ny("2026-12-07T18:00"));

        // Closed all day wins over every other override of the day; the first holiday names it.
        Schedule allDay = schedule("{" + weekly + ", 'overrides': ["
                + "{'date': '2026-12-07', 'open': [{'from': '00:00', 'to': '24:00'}], 'name': 'Open day'},"
                + "{'date': '2026-12-07', 'closed': 'all-day', 'name': 'Stocktake'},"
                + "{'yearly': '12-07', 'closed': 'all-day', 'holiday': true, 'name': 'Anniversary'},"
                + "{'rule': {'month': 12, 'weekday': 'mon', 'nth': 1}, 'closed': 'all-day', 'holiday': true, 'name': 'First Monday'}]}");
        assertStatus(Schedules.statusAt(allDay, ny("2026-12-07T10:00")), HOLIDAY, "Anniversary", ny("2026-12-08T00:00"));
    }

    @Test
    void anEmergencyOutranksEverythingUntilItsEnd() {
        String body = "'timeZone': 'America/New_York', 'weekly': {'mon': [{'from': '00:00', 'to': '24:00'}]}";
        Schedule until = schedule("{" + body + ", 'emergency': {'message': 'Storm', 'until': '2026-12-07T18:00:00Z'}}");
        assertStatus(Schedules.statusAt(until, Instant.parse("2026-12-07T17:59:59Z")), EMERGENCY, "Storm", Instant.parse("2026-12-07T18:00:00Z"));
        assertStatus(Schedules.statusAt(until, Instant.parse("2026-12-07T18:00:00Z")), OPEN, null, ny("2026-12-08T00:00"));

        // An end more than 400 days away is no change within sight.
        Schedule far = schedule("{" + body + ", 'emergency': {'message': 'Storm', 'until': '2028-12-07T18:00:00Z'}}");
        assertStatus(Schedules.statusAt(far, Instant.parse("2026-12-07T18:00:00Z")), EMERGENCY, "Storm", null);

        Schedule open = schedule("{" + body + ", 'emergency': {'message': 'Storm'}}");
        assertStatus(Schedules.statusAt(open, Instant.parse("2030-01-01T00:00:00Z")), EMERGENCY, "Storm", null);
        assertFalse(Schedules.statusAt(open, Instant.parse("2030-01-01T00:00:00Z")).open());
    }

    @Test
    void hoursInTheSpringForwardGapOpenAtTheJump() {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z.
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'sun': [{'from': '02:30', 'to': '03:30'}]}}");
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-03-08T06:59:59Z")), CLOSED, null, Instant.parse("2026-03-08T07:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-03-08T07:00:00Z")), OPEN, null, Instant.parse("2026-03-08T07:30:00Z"));
        // A week later 02:30 is a time like any other.
        assertEquals(ny("2026-03-15T02:30"), Schedules.statusAt(s, Instant.parse("2026-03-08T07:30:00Z")).nextChangeAt());
    }

    @Test
    void hoursInTheFallBackOverlapAreOpenBothTimes() {
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:00–01:30 happens at 05:00Z and at 06:00Z.
        Schedule s = schedule("{'timeZone': 'America/New_York', 'weekly': {'sun': [{'from': '01:00', 'to': '01:30'}]}}");
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-11-01T04:59:00Z")), CLOSED, null, Instant.parse("2026-11-01T05:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-11-01T05:10:00Z")), OPEN, null, Instant.parse("2026-11-01T05:30:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-11-01T05:40:00Z")), CLOSED, null, Instant.parse("2026-11-01T06:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-11-01T06:10:00Z")), OPEN, null, Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void santiagoFallsBackFromMidnightToTheDayBefore() {
        // 2026-04-05 00:00 -03 falls back to Saturday 23:00 -04 at 03:00Z: Saturday 23:00–24:00 happens twice.
        Schedule s = schedule("{'timeZone': 'America/Santiago', 'weekly': {'sat': [{'from': '23:00', 'to': '24:00'}]}}");
        // Open from 02:00Z, through the jump back (no change there), to 04:00Z.
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-04-05T01:59:59Z")), CLOSED, null, Instant.parse("2026-04-05T02:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-04-05T02:30:00Z")), OPEN, null, Instant.parse("2026-04-05T04:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-04-05T03:00:00Z")), OPEN, null, Instant.parse("2026-04-05T04:00:00Z"));
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-04-05T04:00:00Z")), CLOSED, null, Instant.parse("2026-04-12T03:00:00Z"));
    }

    @Test
    void aScheduleOpenAroundTheClockNeverChanges() {
        StringBuilder days = new StringBuilder();
        for (String day : new String[]{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
            days.append(days.isEmpty() ? "" : ", ").append("'").append(day).append("': [{'from': '00:00', 'to': '24:00'}]");
        }
        Schedule s = schedule("{'timeZone': 'Europe/London', 'weekly': {" + days + "}}");
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-03-29T01:00:00Z")), OPEN, null, null);
        assertStatus(Schedules.statusAt(schedule("{'timeZone': 'Asia/Kolkata'}"), Instant.parse("2026-06-01T00:00:00Z")), CLOSED, null, null);
    }

    @Test
    void theNextChangeMayBeMonthsAwayButNotBeyond400Days() {
        ZoneId chatham = ZoneId.of("Pacific/Chatham");
        Schedule s = schedule("{'timeZone': 'Pacific/Chatham', 'overrides': [{'yearly': '12-25', 'open': [{'from': '10:00', 'to': '11:00'}]}]}");
        Instant christmas = LocalDateTime.parse("2026-12-25T10:00").atZone(chatham).toInstant();
        assertStatus(Schedules.statusAt(s, Instant.parse("2026-01-01T00:00:00Z")), CLOSED, null, christmas);
        assertStatus(Schedules.statusAt(s, christmas.plusSeconds(3600)), CLOSED, null,
                LocalDateTime.parse("2027-12-25T10:00").atZone(chatham).toInstant());

        Schedule leap = schedule("{'timeZone': 'Pacific/Chatham', 'overrides': [{'yearly': '02-29', 'open': [{'from': '10:00', 'to': '11:00'}]}]}");
        Instant leapDay = LocalDateTime.parse("2028-02-29T11:00").atZone(chatham).toInstant();
        assertStatus(Schedules.statusAt(leap, leapDay), CLOSED, null, null);
    }
}
