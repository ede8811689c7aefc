package dev.switchboard.shared.analytics.counting;

/**
 * One aggregate: what is counted ({@code kind}: {@code c} for the counters, or a histogram's), for
 * which slice of the tenant's traffic ({@code dimension}: {@code all}, {@code direction:inbound},
 * {@code agent:<id>}, {@code number:<E.164>}, {@code option:<flow>|<menu>|<option>},
 * {@code error:<code>}), in which quarter hour (UTC epoch minutes of its start, a multiple of 15:
 * every time zone's offset is a whole number of quarter hours, so any zone's buckets are unions
 * of them).
 */
public record Cell(String dimension, String kind, long quarter) {
    public static final String COUNTS = "c";
    public static final String ALL = "all";

    public Cell {
        if (quarter % 15 != 0) {
            throw new IllegalArgumentException("not a quarter hour: " + quarter);
        }
    }

    public static long quarterOf(java.time.Instant t) {
        long minute = Math.floorDiv(t.getEpochSecond(), 60);
        return minute - Math.floorMod(minute, 15);
    }

    /** The dimension's kind of slice: {@code all}, {@code direction}, {@code agent} … */
    public String group() {
        int colon = dimension.indexOf(':');
        return colon < 0 ? dimension : dimension.substring(0, colon);
    }

    /** The slice's value: the agent's id, the number … ({@code ""} for all). */
    public String value() {
        int colon = dimension.indexOf(':');
        return colon < 0 ? "" : dimension.substring(colon + 1);
    }
}
