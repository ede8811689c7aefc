package dev.switchboard.shared.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which events an endpoint receives: exact types ({@code call.missed}), prefix wildcards
 * ({@code call.*}: every call event, present and future) or {@code *} for all. A pattern is checked
 * when it is saved, so a typo is a 400 then, not silence later.
 */
public record EventTypeFilter(List<String> patterns) {
    public static final int MAX_PATTERNS = 50;
    private static final Pattern SHAPE = Pattern.compile("\\*|[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*(\\.\\*)?");

    public EventTypeFilter {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("eventTypes must name at least one type, a prefix such as call.* or *");
        }
        if (patterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("eventTypes may hold at most " + MAX_PATTERNS + " patterns");
        }
        for (String pattern : patterns) {
            if (pattern == null || pattern.length() > 100 || !SHAPE.matcher(pattern).matches()) {
                throw new IllegalArgumentException("eventTypes: '" + pattern
                        + "' is not an event type, a prefix such as call.* or *");
            }
        }
        patterns = List.copyOf(patterns);
    }

    public boolean matches(String type) {
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(type)
                    || pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
