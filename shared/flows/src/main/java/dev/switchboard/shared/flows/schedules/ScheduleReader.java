package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a schedule's JSON; {@link ScheduleJson} documents it. */
final class ScheduleReader {
    /** No small cap (Amazon Connect allows 50): as many as one stored schedule holds (DynamoDB, 400 KB). */
    static final int MAX_OVERRIDES = 2000;
    static final int MAX_MESSAGE = 1000;
    private static final Set<String> FIELDS = Set.of("name", "timeZone", "weekly", "overrides", "emergency");
    private static final Set<String> EMERGENCY_FIELDS = Set.of("message", "until");
    /** The tz database's names: ZoneId.of alone would also take offsets such as "+05:30" or "UTC+1". */
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private ScheduleReader() {
    }

    static Schedule read(JsonNode json, String id) {
        JsonFields fields = JsonFields.of(json, "", "a schedule", FIELDS);
        String name = fields.optionalText("name", 1, OverrideReader.MAX_NAME);
        ZoneId zone = zone(fields);
        Map<DayOfWeek, List<Interval>> weekly = fields.has("weekly") ? weekly(fields.get("weekly"), fields.path("weekly")) : Map.of();
        List<Override> overrides = fields.has("overrides") ? overrides(fields.get("overrides"), fields.path("overrides")) : List.of();
        Emergency emergency = fields.has("emergency") ? emergency(fields.get("emergency"), fields.path("emergency")) : null;
        return new Schedule(id, name, zone, weekly, overrides, emergency);
    }

    private static ZoneId zone(JsonFields fields) {
        String id = fields.requiredText("timeZone");
        if (!ZONES.contains(id)) {
            throw new InvalidSchedule(fields.path("timeZone"), "must be an IANA time zone such as America/New_York, not an offset");
        }
        return ZoneId.of(id);
    }

    private static Map<DayOfWeek, List<Interval>> weekly(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidSchedule(path, "must be an object of days mon … sun, each a list of intervals");
        }
        Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, JsonNode> day : node.properties()) {
            String at = JsonFields.at(path, day.getKey());
            DayOfWeek weekday = DayNames.parse(day.getKey());
            if (weekday == null) {
                throw new InvalidSchedule(at, "unknown day; the days are mon, tue, wed, thu, fri, sat, sun");
            }
            // A day with no hours may be left out or given as [].
            if (!day.getValue().isNull() && !(day.getValue().isArray() && day.getValue().isEmpty())) {
                weekly.put(weekday, HoursReader.read(day.getValue(), at, true));
            }
        }
        return weekly;
    }

    private static List<Override> overrides(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new InvalidSchedule(path, "must be a list of overrides");
        }
        if (node.size() > MAX_OVERRIDES) {
            throw new InvalidSchedule(path, "at most " + MAX_OVERRIDES + " overrides");
        }
        List<Override> overrides = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            overrides.add(OverrideReader.read(node.get(i), JsonFields.at(path, i)));
        }
        return overrides;
    }

    private static Emergency emergency(JsonNode node, String path) {
        JsonFields fields = JsonFields.of(node, path, "an emergency {\"message\", \"until\"}", EMERGENCY_FIELDS);
        String message = fields.requiredText("message", 1, MAX_MESSAGE);
        Instant until = null;
        if (fields.has("until")) {
            try {
                until = Instant.parse(fields.requiredText("until"));
            } catch (DateTimeException e) {
                throw new InvalidSchedule(fields.path("until"), "must be an instant such as 2026-12-07T18:00:00Z");
            }
        }
        return new Emergency(message, until);
    }
}
