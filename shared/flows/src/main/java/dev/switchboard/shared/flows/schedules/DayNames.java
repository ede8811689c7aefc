package dev.switchboard.shared.flows.schedules;

import java.time.DayOfWeek;

/** The API's names of weekdays: mon, tue, … sun. */
final class DayNames {
    private static final String[] NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private DayNames() {
    }

    static String of(DayOfWeek day) {
        return NAMES[day.ordinal()];
    }

    /** The weekday so named, or null. */
    static DayOfWeek parse(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (NAMES[day.ordinal()].equals(name)) {
                return day;
            }
        }
        return null;
    }
}
