package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one override: which dates (date, yearly or rule) and what it does (closed or open). */
final class OverrideReader {
    static final int MAX_NAME = 100;
    static final String ALL_DAY = "all-day";
    private static final Set<String> FIELDS = Set.of("date", "yearly", "rule", "closed", "open", "holiday", "name");
    private static final Set<String> RULE_FIELDS = Set.of("month", "weekday", "nth");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern MONTH_DAY = Pattern.compile("([0-9]{2})-([0-9]{2})");

    private OverrideReader() {
    }

    static Override read(JsonNode node, String path) {
        JsonFields fields = JsonFields.of(node, path, "an override", FIELDS);
        int dates = (fields.has("date") ? 1 : 0) + (fields.has("yearly") ? 1 : 0) + (fields.has("rule") ? 1 : 0);
        if (dates != 1) {
            throw new InvalidSchedule(path, "must have exactly one of date, yearly or rule");
        }
        if (fields.has("closed") == fields.has("open")) {
            throw new InvalidSchedule(path, "must have exactly one of closed or open");
        }
        Override.Effect effect = effect(fields);
        boolean holiday = fields.optionalBoolean("holiday");
        String name = fields.optionalText("name", 1, MAX_NAME);
        if (fields.has("date")) {
            return new Override.Dated(date(fields), effect, holiday, name);
        }
        if (fields.has("yearly")) {
            return new Override.Yearly(monthDay(fields), effect, holiday, name);
        }
        JsonFields rule = JsonFields.of(fields.get("rule"), fields.path("rule"), "a rule {\"month\", \"weekday\", \"nth\"}", RULE_FIELDS);
        int month = rule.requiredInt("month");
        if (month < 1 || month > 12) {
            throw new InvalidSchedule(rule.path("month"), "must be 1 to 12");
        }
        DayOfWeek weekday = DayNames.parse(rule.requiredText("weekday"));
        if (weekday == null) {
            throw new InvalidSchedule(rule.path("weekday"), "must be one of mon, tue, wed, thu, fri, sat, sun");
        }
        int nth = rule.requiredInt("nth");
        if (nth != Override.ByRule.LAST && (nth < 1 || nth > 5)) {
            throw new InvalidSchedule(rule.path("nth"), "must be 1 to 5, or -1 for the last in the month");
        }
        return new Override.ByRule(Month.of(month), weekday, nth, effect, holiday, name);
    }

    private static Override.Effect effect(JsonFields fields) {
        if (fields.has("open")) {
            return new Override.Effect.Open(HoursReader.read(fields.get("open"), fields.path("open"), false));
        }
        JsonNode closed = fields.get("closed");
        if (closed.isTextual()) {
            if (!closed.textValue().equals(ALL_DAY)) {
                throw new InvalidSchedule(fields.path("closed"), "must be \"all-day\" or a list of intervals");
            }
            return new Override.Effect.ClosedAllDay();
        }
        List<Interval> intervals = HoursReader.read(closed, fields.path("closed"), false);
        return new Override.Effect.Closed(intervals);
    }

    private static LocalDate date(JsonFields fields) {
        Matcher m = DATE.matcher(fields.requiredText("date"));
        try {
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        } catch (DateTimeException e) {
            // a month or day that does not exist: said below
        }
        throw new InvalidSchedule(fields.path("date"), "must be a date YYYY-MM-DD that exists");
    }

    private static MonthDay monthDay(JsonFields fields) {
        Matcher m = MONTH_DAY.matcher(fields.requiredText("yearly"));
        try {
            if (m.matches()) {
                return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        } catch (DateTimeException e) {
            // 13-01, 04-31: said below
        }
        throw new InvalidSchedule(fields.path("yearly"), "must be a month-day MM-DD that exists (02-29 falls in leap years only)");
    }
}
