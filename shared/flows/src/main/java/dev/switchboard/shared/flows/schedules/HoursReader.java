package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a day's intervals: {@code [{"from": "HH:mm", "to": "HH:mm"}, …]}, "24:00" as a to. */
final class HoursReader {
    static final int MAX_INTERVALS = 10;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");
    private static final Set<String> FIELDS = Set.of("from", "to");

    private HoursReader() {
    }

    /**
     * The intervals at path, one to ten of them, none overlapping another on the day they start;
     * overnight ones only when {@code overnight} (an override's day ends at its own midnight).
     */
    static List<Interval> read(JsonNode node, String path, boolean overnight) {
        if (!node.isArray()) {
            throw new InvalidSchedule(path, "must be a list of intervals {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}");
        }
        if (node.isEmpty()) {
            throw new InvalidSchedule(path, "must have at least one interval");
        }
        if (node.size() > MAX_INTERVALS) {
            throw new InvalidSchedule(path, "at most " + MAX_INTERVALS + " intervals a day");
        }
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = JsonFields.at(path, i);
            Interval interval = interval(node.get(i), at);
            if (interval.overnight() && !overnight) {
                throw new InvalidSchedule(JsonFields.at(at, "to"), "must be after from: an override's hours end on its own date (24:00 at the latest)");
            }
            for (int j = 0; j < intervals.size(); j++) {
                Interval other = intervals.get(j);
                if (interval.startMinute() < other.endMinute() && other.startMinute() < interval.endMinute()) {
                    throw new InvalidSchedule(at, "overlaps " + JsonFields.at(path, j));
                }
            }
            intervals.add(interval);
        }
        return intervals;
    }

    private static Interval interval(JsonNode node, String path) {
        JsonFields fields = JsonFields.of(node, path, "an interval", FIELDS);
        LocalTime from = time(fields.requiredText("from"), fields.path("from"), false);
        String toText = fields.requiredText("to");
        if (toText.equals("24:00")) {
            return Interval.untilEndOfDay(from);
        }
        LocalTime to = time(toText, fields.path("to"), true);
        if (to.equals(from)) {
            throw new InvalidSchedule(fields.path("to"), "must differ from from; 00:00 to 24:00 is the whole day");
        }
        return Interval.of(from, to);
    }

    private static LocalTime time(String text, String path, boolean to) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new InvalidSchedule(path, "must be a time HH:mm from 00:00 to 23:59" + (to ? ", or 24:00" : ""));
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
