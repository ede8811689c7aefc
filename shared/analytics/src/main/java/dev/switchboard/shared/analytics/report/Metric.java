package dev.switchboard.shared.analytics.report;

import dev.switchboard.shared.analytics.counting.Counter;
import dev.switchboard.shared.analytics.counting.Histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The metrics a report can ask for, each a formula over a {@link Tally} (docs/metrics.md gives
 * each definition). Counts are whole numbers; rates are fractions of 1 and averages seconds, both
 * rounded half up to 4 and 2 decimals; a rate or average of nothing is null, not 0.
 */
public enum Metric {
    CALLS_INBOUND("calls.inbound", (t, n) -> t.get(Counter.INBOUND)),
    CALLS_OUTBOUND("calls.outbound", (t, n) -> t.get(Counter.OUTBOUND)),
    CALLS_ANSWERED("calls.answered", (t, n) -> t.get(Counter.ANSWERED_INBOUND)),
    CALLS_HANDLED("calls.handled", (t, n) -> t.get(Counter.ANSWERED)),
    CALLS_MISSED("calls.missed", (t, n) -> t.get(Counter.MISSED)),
    CALLS_ABANDONED("calls.abandoned", (t, n) -> t.get(Counter.ABANDONED)),
    CALLS_VOICEMAIL("calls.voicemail", (t, n) -> t.get(Counter.VOICEMAIL)),
    CALLS_AFTER_HOURS("calls.afterHours", (t, n) -> t.get(Counter.AFTER_HOURS)),
    CALLS_SHORT("calls.short", (t, n) -> t.get(Counter.SHORT)),
    ANSWER_RATE("calls.answerRate", (t, n) -> ratio(t.get(Counter.ANSWERED_INBOUND), offered(t))),
    SERVICE_LEVEL("calls.serviceLevel", Histogram.ANSWER, (t, n) -> ratio(within(t.bins(Histogram.ANSWER), n), offered(t))),
    SPEED_TO_ANSWER_AVG("calls.speedToAnswer.avg", (t, n) -> average(t.get(Counter.ANSWER_SECONDS), t.get(Counter.ANSWER_TIMED))),
    TALK_TIME_TOTAL("calls.talkTime.total", (t, n) -> t.get(Counter.TALK_SECONDS)),
    TALK_TIME_AVG("calls.talkTime.avg", (t, n) -> average(t.get(Counter.TALK_SECONDS), t.get(Counter.TALKED))),
    TALK_TIME_P50("calls.talkTime.p50", Histogram.TALK, (t, n) -> percentile(t.bins(Histogram.TALK), 50)),
    TALK_TIME_P90("calls.talkTime.p90", Histogram.TALK, (t, n) -> percentile(t.bins(Histogram.TALK), 90)),
    TALK_TIME_P95("calls.talkTime.p95", Histogram.TALK, (t, n) -> percentile(t.bins(Histogram.TALK), 95)),
    HANDLE_TIME_AVG("calls.handleTime.avg", (t, n) -> average(t.get(Counter.HANDLE_SECONDS), t.get(Counter.HANDLED))),
    HANDLE_TIME_P50("calls.handleTime.p50", Histogram.HANDLE, (t, n) -> percentile(t.bins(Histogram.HANDLE), 50)),
    HANDLE_TIME_P90("calls.handleTime.p90", Histogram.HANDLE, (t, n) -> percentile(t.bins(Histogram.HANDLE), 90)),
    HANDLE_TIME_P95("calls.handleTime.p95", Histogram.HANDLE, (t, n) -> percentile(t.bins(Histogram.HANDLE), 95)),
    MESSAGES_SENT("messages.sent", (t, n) -> t.get(Counter.SENT)),
    MESSAGES_DELIVERED("messages.delivered", (t, n) -> t.get(Counter.DELIVERED)),
    MESSAGES_FAILED("messages.failed", (t, n) -> t.get(Counter.FAILED)),
    MESSAGES_RECEIVED("messages.received", (t, n) -> t.get(Counter.RECEIVED)),
    MESSAGES_OPT_OUTS("messages.optOuts", (t, n) -> t.get(Counter.OPT_OUTS)),
    IVR_SELECTIONS("ivr.selections", (t, n) -> t.get(Counter.SELECTIONS));

    /** What each grouping can show: the figures its slice's cells keep. */
    private static final Map<GroupBy, Set<Metric>> BY_GROUP = Map.of(
            GroupBy.OPTION, EnumSet.of(IVR_SELECTIONS),
            GroupBy.ERROR_CODE, EnumSet.of(MESSAGES_FAILED),
            GroupBy.AGENT, EnumSet.range(CALLS_INBOUND, TALK_TIME_AVG),
            GroupBy.NUMBER, EnumSet.complementOf(EnumSet.of(IVR_SELECTIONS)));

    private final String wire;
    private final Histogram histogram;
    private final BiFunction<Tally, Integer, Number> formula;

    Metric(String wire, BiFunction<Tally, Integer, Number> formula) {
        this(wire, null, formula);
    }

    Metric(String wire, Histogram histogram, BiFunction<Tally, Integer, Number> formula) {
        this.wire = wire;
        this.histogram = histogram;
        this.formula = formula;
    }

    public String wire() {
        return wire;
    }

    /** The distribution the metric reads, if any (kept for the tenant and per direction only). */
    public Optional<Histogram> histogram() {
        return Optional.ofNullable(histogram);
    }

    public boolean availableFor(GroupBy group) {
        Set<Metric> limited = BY_GROUP.get(group);
        if (limited != null) {
            // Talk and handle times' distributions are not kept per agent or number (no percentiles there).
            boolean percentile = histogram == Histogram.TALK || histogram == Histogram.HANDLE;
            return limited.contains(this) && (!percentile || group != GroupBy.AGENT && group != GroupBy.NUMBER);
        }
        // Menu exits are kept per option and in the tenant's total: not per direction or hour of the week.
        return this != IVR_SELECTIONS || group == GroupBy.NONE;
    }

    /** @param serviceLevelSeconds the N of "answered within N seconds" */
    public Number of(Tally tally, int serviceLevelSeconds) {
        return formula.apply(tally, serviceLevelSeconds);
    }

    public static Optional<Metric> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }

    /** Inbound calls that wanted an agent: answered, missed or abandoned. */
    static long offered(Tally t) {
        return t.get(Counter.ANSWERED_INBOUND) + t.get(Counter.MISSED) + t.get(Counter.ABANDONED);
    }

    static long within(TreeMap<Integer, Long> bins, int seconds) {
        return bins.headMap(seconds, true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nearest rank: the smallest bin edge at or below which at least p% of the values lie. */
    static Integer percentile(TreeMap<Integer, Long> bins, int p) {
        long n = bins.values().stream().mapToLong(Long::longValue).sum();
        if (n <= 0) {
            return null;
        }
        long rank = (p * n + 99) / 100;
        long seen = 0;
        for (var bin : bins.entrySet()) {
            seen += bin.getValue();
            if (seen >= rank) {
                return bin.getKey();
            }
        }
        return bins.lastKey();
    }

    static BigDecimal ratio(long part, long whole) {
        return whole <= 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal average(long sum, long count) {
        return count <= 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
