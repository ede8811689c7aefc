package dev.switchboard.shared.analytics;

/** How finely metrics are bucketed, always in the tenant's own time zone. */
public enum Granularity {
    QUARTER_HOUR, HOUR, DAY, WEEK, MONTH;

    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }
}
