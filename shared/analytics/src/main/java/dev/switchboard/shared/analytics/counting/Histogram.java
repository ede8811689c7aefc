package dev.switchboard.shared.analytics.counting;

/**
 * The bins durations are counted in, so that percentiles and service levels can be read from
 * sums. Talk and handle times: each second under a minute, then 5 s to 5 minutes, 30 s to
 * 30 minutes, 5 minutes to 2 hours, and one bin beyond; a percentile is its bin's lower edge
 * (exact under a minute). Speed to answer: each second to 299, and one bin beyond, so a
 * service level of any whole number of seconds up to 299 is exact.
 */
public enum Histogram {
    TALK("t"), HANDLE("h"), ANSWER("a");

    public static final int LAST_ANSWER_SECOND = 299;

    private final String wire;

    Histogram(String wire) {
        this.wire = wire;
    }

    /** The cell kind the histogram is kept in. */
    public String wire() {
        return wire;
    }

    /** The lower edge of the bin that holds {@code seconds} (negative counts as 0). */
    public int bin(long seconds) {
        long s = Math.max(0, seconds);
        if (this == ANSWER) {
            return (int) Math.min(s, LAST_ANSWER_SECOND + 1);
        }
        if (s < 60) {
            return (int) s;
        }
        if (s < 300) {
            return (int) (s / 5 * 5);
        }
        if (s < 1800) {
            return (int) (s / 30 * 30);
        }
        if (s < 7200) {
            return (int) (s / 300 * 300);
        }
        return 7200;
    }

    /** The attribute a bin is counted in. */
    public static String attribute(int bin) {
        return "b" + bin;
    }
}
