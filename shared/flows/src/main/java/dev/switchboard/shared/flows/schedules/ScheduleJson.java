package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A schedule as the API reads and writes it:
 * <pre>{@code
 * {"name": "Office hours", "timeZone": "America/New_York",
 *  "weekly": {"mon": [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:30"}],
 *             "fri": [{"from": "22:00", "to": "02:00"}], "sat": [{"from": "10:00", "to": "24:00"}]},
 *  "overrides": [
 *    {"date": "2026-12-24", "closed": [{"from": "12:00", "to": "24:00"}], "holiday": true, "name": "Christmas Eve"},
 *    {"date": "2026-12-26", "open": [{"from": "10:00", "to": "14:00"}], "name": "Sale"},
 *    {"yearly": "12-25", "closed": "all-day", "holiday": true, "name": "Christmas"},
 *    {"rule": {"month": 11, "weekday": "thu", "nth": 4}, "closed": "all-day", "holiday": true, "name": "Thanksgiving"},
 *    {"rule": {"month": 5, "weekday": "mon", "nth": -1}, "closed": "all-day", "holiday": true, "name": "Memorial Day"}],
 *  "emergency": {"message": "We are closed today because of the storm.", "until": "2026-12-07T18:00:00Z"}}
 * }</pre>
 * <ul>
 * <li>{@code timeZone} (required): an IANA zone name; offsets such as "+05:30" are refused, as
 *     they know nothing of daylight saving time.</li>
 * <li>{@code name}: up to 100 characters.</li>
 * <li>{@code weekly}: days {@code mon … sun}, each up to 10 intervals that do not overlap;
 *     a day left out or {@code []} is closed (but for the spill of the day before). Times are
 *     {@code HH:mm} from 00:00 to 23:59; a {@code to} may also be "24:00", the end of the day; a
 *     {@code to} before its {@code from} runs overnight into the next day; from and to may not
 *     be equal (the whole day is 00:00–24:00).</li>
 * <li>{@code overrides}: up to 2,000, each with exactly one of {@code date} (YYYY-MM-DD),
 *     {@code yearly} (MM-DD every year; 02-29 falls in leap years only) or {@code rule}
 *     ({@code month} 1–12, {@code weekday} mon … sun, {@code nth} 1–5 or -1 for the last; a 5th
 *     weekday a month lacks does not fall that year), and exactly one of {@code closed}
 *     ("all-day" or up to 10 intervals) or {@code open} (up to 10 intervals, open as well as
 *     the weekly hours). An override's intervals end on its own date: 24:00 at the latest.
 *     {@code holiday} (default false) makes its closure a holiday; {@code name} (up to 100
 *     characters) is given as the reason.</li>
 * <li>{@code emergency}: {@code message} (1 to 1000 characters) and {@code until} (an
 *     instant; left out, the emergency lasts until it is removed).</li>
 * </ul>
 * Unknown fields are refused; JSON null is the same as a field left out. {@link Schedules}
 * says what a schedule means.
 */
public final class ScheduleJson {
    private ScheduleJson() {
    }

    /** The schedule the JSON describes, given the stored id (nullable). @throws InvalidSchedule naming the field at fault */
    public static Schedule read(JsonNode json, String id) {
        return ScheduleReader.read(json, id);
    }

    /**
     * The schedule as JSON, the id left out: {@code read(write(s), s.id())} equals s for any
     * schedule within the rules above, as every one read is (one built in code on an offset zone,
     * or with a 101-character name, would be refused on the way back).
     */
    public static ObjectNode write(Schedule schedule) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (schedule.name() != null) {
            json.put("name", schedule.name());
        }
        json.put("timeZone", schedule.zone().getId());
        ObjectNode weekly = json.putObject("weekly");
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!schedule.hoursOn(day).isEmpty()) {
                intervals(weekly.putArray(DayNames.of(day)), schedule.hoursOn(day));
            }
        }
        ArrayNode overrides = json.putArray("overrides");
        schedule.overrides().forEach(override -> override(overrides.addObject(), override));
        if (schedule.emergency() != null) {
            ObjectNode emergency = json.putObject("emergency");
            emergency.put("message", schedule.emergency().message());
            if (schedule.emergency().until() != null) {
                emergency.put("until", schedule.emergency().until().toString());
            }
        }
        return json;
    }

    private static void override(ObjectNode json, Override override) {
        switch (override) {
            case Override.Dated dated -> json.put("date", dated.date().toString());
            case Override.Yearly yearly -> json.put("yearly",
                    String.format("%02d-%02d", yearly.monthDay().getMonthValue(), yearly.monthDay().getDayOfMonth()));
            case Override.ByRule rule -> json.putObject("rule")
                    .put("month", rule.month().getValue())
                    .put("weekday", DayNames.of(rule.weekday()))
                    .put("nth", rule.nth());
        }
        switch (override.effect()) {
            case Override.Effect.ClosedAllDay all -> json.put("closed", OverrideReader.ALL_DAY);
            case Override.Effect.Closed closed -> intervals(json.putArray("closed"), closed.intervals());
            case Override.Effect.Open open -> intervals(json.putArray("open"), open.intervals());
        }
        json.put("holiday", override.holiday());
        if (override.name() != null) {
            json.put("name", override.name());
        }
    }

    private static void intervals(ArrayNode json, List<Interval> intervals) {
        for (Interval interval : intervals) {
            json.addObject()
                    .put("from", time(interval.from()))
                    .put("to", interval.toEndOfDay() ? "24:00" : time(interval.to()));
        }
    }

    private static String time(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
