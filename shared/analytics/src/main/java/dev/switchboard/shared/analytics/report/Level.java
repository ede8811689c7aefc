package dev.switchboard.shared.analytics.report;

/**
 * The two resolutions cells are kept at: quarter hours (any time zone's buckets are unions of
 * them) and UTC hours (a quarter of the items to read, for zones whose offsets are whole hours).
 * Each is 15 or 60 minutes from a UTC epoch minute that is a multiple of it.
 */
public enum Level {
    QUARTER("q", 15), HOUR("h", 60);

    private final String wire;
    private final int minutes;

    Level(String wire, int minutes) {
        this.wire = wire;
        this.minutes = minutes;
    }

    public String wire() {
        return wire;
    }

    public int minutes() {
        return minutes;
    }

    /** The slot of this level that holds a quarter hour. */
    public long slotOf(long quarter) {
        return quarter - Math.floorMod(quarter, minutes);
    }
}
