package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class ScheduleJsonTest {
    static final String EXAMPLE = """
            {"name": "Office hours", "timeZone": "America/New_York",
             "weekly": {"mon": [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:30"}], "fri": [{"from": "22:00", "to": "02:00"}], "sat": [{"from": "10:00", "to": "24:00"}]},
             "overrides": [
               {"date": "2026-12-24", "closed": [{"from": "12:00", "to": "24:00"}], "holiday": true, "name": "Christmas Eve"},
               {"date": "2026-12-26", "open": [{"from": "10:00", "to": "14:00"}], "name": "Sale"},
               {"yearly": "12-25", "closed": "all-day", "holiday": true, "name": "Christmas"},
               {"rule": {"month": 11, "weekday": "thu", "nth": 4}, "closed": "all-day", "holiday": true, "name": "Thanksgiving"},
               {"rule": {"month": 5, "weekday": "mon", "nth": -1}, "closed": "all-day", "holiday": true, "name": "Memorial Day"}
             ],
             "emergency": {"message": "We are closed today because of the storm.", "until": "2026-12-07T18:00:00Z"}}
            """;

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    @Test
    void readsTheApiExample() {
        Schedule read = ScheduleJson.read(Json.parse(EXAMPLE), "sch_1");
        Schedule expected = new Schedule("sch_1", "Office hours", ZoneId.of("America/New_York"), Map.of(
                DayOfWeek.MONDAY, List.of(Interval.of(t("09:00"), t("12:00")), Interval.of(t("13:00"), t("17:30"))),
                DayOfWeek.FRIDAY, List.of(Interval.of(t("22:00"), t("02:00"))),
                DayOfWeek.SATURDAY, List.of(Interval.untilEndOfDay(t("10:00")))),
                List.of(
                        new Override.Dated(LocalDate.of(2026, 12, 24), new Override.Effect.Closed(List.of(Interval.untilEndOfDay(t("12:00")))), true, "Christmas Eve"),
                        new Override.Dated(LocalDate.of(2026, 12, 26), new Override.Effect.Open(List.of(Interval.of(t("10:00"), t("14:00")))), false, "Sale"),
                        new Override.Yearly(MonthDay.of(12, 25), new Override.Effect.ClosedAllDay(), true, "Christmas"),
                        new Override.ByRule(Month.NOVEMBER, DayOfWeek.THURSDAY, 4, new Override.Effect.ClosedAllDay(), true, "Thanksgiving"),
                        new Override.ByRule(Month.MAY, DayOfWeek.MONDAY, -1, new Override.Effect.ClosedAllDay(), true, "Memorial Day")),
                new Emergency("We are closed today because of the storm.", Instant.parse("2026-12-07T18:00:00Z")));
        assertEquals(expected, read);
        assertEquals(read, ScheduleJson.read(ScheduleJson.write(read), "sch_1"));
        assertEquals(Json.parse(EXAMPLE.replace("\"name\": \"Sale\"", "\"holiday\": false, \"name\": \"Sale\"")), ScheduleJson.write(read));
    }

    @Test
    void takesWhatTheApiAllows() {
        Schedule s = read("""
                {"timeZone": "Pacific/Chatham", "name": null, "weekly": {"mon": [], "tue": null, "wed": [{"from": "00:00", "to": "24:00"}],
                  "thu": [{"from": "23:59", "to": "00:00"}, {"from": "00:00", "to": "00:01"}]},
                 "overrides": [{"yearly": "02-29", "closed": "all-day"}, {"rule": {"month": 2, "weekday": "sun", "nth": 5}, "open": [{"from": "00:00", "to": "24:00"}]}],
                 "emergency": {"message": "Closed", "until": null}}""");
        assertNull(s.name());
        assertEquals(List.of(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), List.copyOf(s.weekly().keySet()));
        assertEquals(new Emergency("Closed", null), s.emergency());
        assertEquals(s, ScheduleJson.read(ScheduleJson.write(s), s.id()));
    }

    /** Each rule of the JSON, broken once, with the path the refusal must name. */
    @Test
    void refusesEachBrokenRuleNamingTheField() {
        String day = "{'timeZone': 'America/New_York', 'weekly': {'mon': %s}}";
        String override = "{'timeZone': 'America/New_York', 'overrides': [%s]}";
        String emergency = "{'timeZone': 'America/New_York', 'emergency': %s}";
        String ten = "{'from': '00:00', 'to': '00:01'}" + ", {'from': '01:00', 'to': '01:01'}".repeat(9);
        String many = "{'date': '2026-01-01', 'closed': 'all-day'}" + ", {'date': '2026-01-01', 'closed': 'all-day'}".repeat(ScheduleReader.MAX_OVERRIDES);
        Object[][] cases = {
                {"[]", ""},
                {"{}", "timeZone"},
                {"{'timeZone': '+05:30'}", "timeZone"},
                {"{'timeZone': 'UTC+01:00'}", "timeZone"},
                {"{'timeZone': 'Mars/Olympus_Mons'}", "timeZone"},
                {"{'timeZone': 5}", "timeZone"},
                {"{'timeZone': 'Europe/London', 'colour': 'blue'}", "colour"},
                {"{'timeZone': 'Europe/London', 'name': '" + "x".repeat(101) + "'}", "name"},
                {"{'timeZone': 'Europe/London', 'name': '  '}", "name"},
                {"{'timeZone': 'Europe/London', 'weekly': []}", "weekly"},
                {"{'timeZone': 'Europe/London', 'weekly': {'monday': []}}", "weekly.monday"},
                {day.formatted("{'from': '09:00', 'to': '17:00'}"), "weekly.mon"},
                {day.formatted("[{'from': '9:00', 'to': '17:00'}]"), "weekly.mon[0].from"},
                {day.formatted("[{'from': '24:00', 'to': '17:00'}]"), "weekly.mon[0].from"},
                {day.formatted("[{'from': '09:00', 'to': '12:00'}, {'from': '13:00', 'to': '25:00'}]"), "weekly.mon[1].to"},
                {day.formatted("[{'from': '09:00', 'to': '23:60'}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00', 'to': '24:01'}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00', 'to': '09:00:30'}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00', 'to': 17}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00'}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00', 'to': '09:00'}]"), "weekly.mon[0].to"},
                {day.formatted("[{'from': '09:00', 'to': '17:00', 'until': '18:00'}]"), "weekly.mon[0].until"},
                {day.formatted("[" + ten + ", {'from': '02:00', 'to': '03:00'}]"), "weekly.mon"},
                {day.formatted("[{'from': '09:00', 'to': '12:00'}, {'from': '11:00', 'to': '13:00'}]"), "weekly.mon[1]"},
                {day.formatted("[{'from': '22:00', 'to': '02:00'}, {'from': '23:00', 'to': '24:00'}]"), "weekly.mon[1]"},
                {day.formatted("['09:00-17:00']"), "weekly.mon[0]"},
                {"{'timeZone': 'America/New_York', 'overrides': {}}", "overrides"},
                {"{'timeZone': 'America/New_York', 'overrides': [" + many + "]}", "overrides"},
                {override.formatted("{'date': '2026-12-24', 'yearly': '12-24', 'closed': 'all-day'}"), "overrides[0]"},
                {override.formatted("{'closed': 'all-day'}"), "overrides[0]"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day', 'open': [{'from': '09:00', 'to': '10:00'}]}"), "overrides[0]"},
                {override.formatted("{'date': '2026-12-24'}"), "overrides[0]"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day'}, {'date': '2026-02-30', 'closed': 'all-day'}"), "overrides[1].date"},
                {override.formatted("{'date': '2026-2-3', 'closed': 'all-day'}"), "overrides[0].date"},
                {override.formatted("{'date': '2026-12-24T00:00', 'closed': 'all-day'}"), "overrides[0].date"},
                {override.formatted("{'yearly': '02-30', 'closed': 'all-day'}"), "overrides[0].yearly"},
                {override.formatted("{'yearly': '13-01', 'closed': 'all-day'}"), "overrides[0].yearly"},
                {override.formatted("{'yearly': '--12-25', 'closed': 'all-day'}"), "overrides[0].yearly"},
                {override.formatted("{'rule': {'month': 13, 'weekday': 'thu', 'nth': 4}, 'closed': 'all-day'}"), "overrides[0].rule.month"},
                {override.formatted("{'rule': {'month': '11', 'weekday': 'thu', 'nth': 4}, 'closed': 'all-day'}"), "overrides[0].rule.month"},
                {override.formatted("{'rule': {'month': 11.5, 'weekday': 'thu', 'nth': 4}, 'closed': 'all-day'}"), "overrides[0].rule.month"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thursday', 'nth': 4}, 'closed': 'all-day'}"), "overrides[0].rule.weekday"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thu', 'nth': 0}, 'closed': 'all-day'}"), "overrides[0].rule.nth"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thu', 'nth': 6}, 'closed': 'all-day'}"), "overrides[0].rule.nth"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thu', 'nth': -2}, 'closed': 'all-day'}"), "overrides[0].rule.nth"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thu'}, 'closed': 'all-day'}"), "overrides[0].rule.nth"},
                {override.formatted("{'rule': {'month': 11, 'weekday': 'thu', 'nth': 4, 'day': 1}, 'closed': 'all-day'}"), "overrides[0].rule.day"},
                {override.formatted("{'rule': 'thanksgiving', 'closed': 'all-day'}"), "overrides[0].rule"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'sometimes'}"), "overrides[0].closed"},
                {override.formatted("{'date': '2026-12-24', 'closed': []}"), "overrides[0].closed"},
                {override.formatted("{'date': '2026-12-24', 'open': 'all-day'}"), "overrides[0].open"},
                {override.formatted("{'date': '2026-12-24', 'open': [{'from': '22:00', 'to': '02:00'}]}"), "overrides[0].open[0].to"},
                {override.formatted("{'date': '2026-12-24', 'closed': [{'from': '10:00', 'to': '12:00'}, {'from': '11:00', 'to': '24:00'}]}"), "overrides[0].closed[1]"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day', 'holiday': 'yes'}"), "overrides[0].holiday"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day', 'name': '" + "x".repeat(101) + "'}"), "overrides[0].name"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day', 'name': 7}"), "overrides[0].name"},
                {override.formatted("{'date': '2026-12-24', 'closed': 'all-day', 'reason': 'Xmas'}"), "overrides[0].reason"},
                {override.formatted("'2026-12-24'"), "overrides[0]"},
                {emergency.formatted("'storm'"), "emergency"},
                {emergency.formatted("{}"), "emergency.message"},
                {emergency.formatted("{'message': ''}"), "emergency.message"},
                {emergency.formatted("{'message': '" + "x".repeat(1001) + "'}"), "emergency.message"},
                {emergency.formatted("{'message': 'Storm\\u0000'}"), "emergency.message"},
                {emergency.formatted("{'message': 'Storm', 'until': 'tomorrow'}"), "emergency.until"},
                {emergency.formatted("{'message': 'Storm', 'from': '2026-12-07T18:00:00Z'}"), "emergency.from"},
        };
        for (Object[] c : cases) {
            String json = ((String) c[0]).replace('\'', '"');
            try {
                ScheduleJson.read(Json.parse(json), "s1");
                fail("accepted " + json);
            } catch (InvalidSchedule e) {
                assertEquals(c[1], e.path(), json + " → " + e.getMessage());
            }
        }
    }

    @Test
    void saysWhatIsWrong() {
        InvalidSchedule e = assertThrows(InvalidSchedule.class, () -> read("""
                {"timeZone": "America/New_York", "weekly": {"mon": [{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}]}}"""));
        assertEquals("weekly.mon[1]: overlaps weekly.mon[0]", e.getMessage());
        e = assertThrows(InvalidSchedule.class, () -> read("{\"timeZone\": \"Asia/Kolkata\", \"holidays\": []}"));
        assertEquals("holidays", e.path());
        assertEquals("unknown field; a schedule has emergency, name, overrides, timeZone, weekly", e.detail());
    }

    @Test
    void randomSchedulesComeBackAsTheyWent() {
        long seed = SchedulePropertyTest.seed();
        RandomSchedules random = new RandomSchedules(new java.util.Random(seed));
        for (int i = 0; i < 1000; i++) {
            Schedule s = random.schedule(RandomSchedules.ZONES.get(i % RandomSchedules.ZONES.size()),
                    LocalDate.of(2026, 1, 1).plusDays(i % 700), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 61_000L));
            JsonNode json = ScheduleJson.write(s);
            // Through text, as the API stores and serves it.
            Schedule back = ScheduleJson.read(Json.parse(Json.write(json)), s.id());
            assertEquals(s, back, "seed " + seed + ", schedule " + i + ": " + json);
        }
    }

    private static Schedule read(String json) {
        return ScheduleJson.read(Json.parse(json), "s1");
    }
}
