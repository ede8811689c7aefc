package dev.switchboard.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/metrics.md, computed from the truth alone: which calls, messages and opt-outs fall in each
 * bucket and group of a report, and each metric's formula over them, rounded as documented.
 */
final class MetricsOracle {
    private static final Set<String> SENT = Set.of("sent", "delivered", "undelivered", "read", "partially_delivered");
    private static final Set<String> DELIVERED = Set.of("delivered", "read");
    private static final Set<String> FAILED = Set.of("failed", "undelivered");

    /**
     * A report as asked for.
     *
     * @param bucket  {@code quarter-hour}, {@code hour}, {@code day}, {@code week}, {@code month} or {@code none}
     * @param from    the range's start, in the report's zone; {@code until} its end (excluded)
     * @param groupBy as the API names it
     */
    record Query(String tenant, List<String> metrics, String bucket, ZonedDateTime from, ZonedDateTime until,
                 String groupBy, int serviceLevelSeconds) {
        ZoneId zone() {
            return from.getZone();
        }
    }

    /** @param values metric to figure; null where a rate or average is of nothing */
    record Row(OffsetDateTime start, OffsetDateTime end, String group, Map<String, BigDecimal> values) {
    }

    /** What falls in one bucket and group. */
    private static final class Slice {
        final List<SyntheticTruth.Call> calls = new ArrayList<>();
        final List<SyntheticTruth.Message> messages = new ArrayList<>();
        int optOuts;
        int selections;

        boolean hasFigures() {
            return !calls.isEmpty() || optOuts > 0 || selections > 0 || messages.stream().anyMatch(MetricsOracle::counts);
        }
    }

    private final SyntheticTruth truth;

    MetricsOracle(SyntheticTruth truth) {
        this.truth = truth;
    }

    List<Row> report(Query q) {
        List<Instant> edges = edges(q);
        int buckets = edges.size() - 1;
        List<Map<String, Slice>> slices = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            slices.add(new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        }
        for (var call : truth.calls()) {
            if (call.tenant().equals(q.tenant())) {
                place(q, edges, slices, call.startedAt(), callGroups(q, call), s -> s.calls.add(call));
                for (String option : call.options()) {
                    List<String> groups = switch (q.groupBy()) {
                        case "option" -> List.of(option);
                        case "none" -> java.util.Collections.singletonList(null);
                        default -> List.of();
                    };
                    place(q, edges, slices, call.startedAt(), groups, s -> s.selections++);
                }
            }
        }
        for (var message : truth.messages()) {
            if (message.tenant().equals(q.tenant()) && message.at() != null) {
                place(q, edges, slices, message.at(), messageGroups(q, message), s -> s.messages.add(message));
            }
        }
        for (var optOut : truth.optOuts()) {
            if (optOut.tenant().equals(q.tenant())) {
                List<String> groups = switch (q.groupBy()) {
                    case "none" -> java.util.Collections.singletonList(null);
                    case "number" -> List.of(optOut.number());
                    case "hourOfWeek" -> List.of(hourOfWeek(optOut.at(), q.zone()));
                    default -> List.of();
                };
                place(q, edges, slices, optOut.at(), groups, s -> s.optOuts++);
            }
        }
        List<String> order = groupsOf(q, slices);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            OffsetDateTime start = edges.get(i).atZone(q.zone()).toOffsetDateTime();
            OffsetDateTime end = edges.get(i + 1).atZone(q.zone()).toOffsetDateTime();
            for (String group : order) {
                Slice slice = slices.get(i).getOrDefault(group, new Slice());
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                q.metrics().forEach(m -> values.put(m, value(m, slice, q.serviceLevelSeconds())));
                rows.add(new Row(start, end, group, values));
            }
        }
        return rows;
    }

    /** The groups that have rows: all of them for no grouping and the hours of the week, else those with figures. */
    private static List<String> groupsOf(Query q, List<Map<String, Slice>> slices) {
        if (q.groupBy().equals("none")) {
            return java.util.Collections.singletonList(null);
        }
        if (q.groupBy().equals("hourOfWeek")) {
            List<String> all = new ArrayList<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                for (int hour = 0; hour < 24; hour++) {
                    all.add(label(day, hour));
                }
            }
            return all;
        }
        var groups = new java.util.TreeSet<String>();
        slices.forEach(s -> s.forEach((group, slice) -> {
            if (slice.hasFigures()) {
                groups.add(group);
            }
        }));
        return List.copyOf(groups);
    }

    private static void place(Query q, List<Instant> edges, List<Map<String, Slice>> slices, Instant at,
                              List<String> groups, java.util.function.Consumer<Slice> add) {
        if (at.isBefore(edges.getFirst()) || !at.isBefore(edges.getLast())) {
            return;
        }
        int found = java.util.Collections.binarySearch(edges, at);
        int bucket = found >= 0 ? found : -found - 2;
        for (String group : groups) {
            add.accept(slices.get(bucket).computeIfAbsent(group, g -> new Slice()));
        }
    }

    private static List<String> callGroups(Query q, SyntheticTruth.Call call) {
        return switch (q.groupBy()) {
            case "none" -> java.util.Collections.singletonList(null);
            case "direction" -> List.of(call.direction());
            case "agent" -> List.of(call.agentId() == null ? "-" : call.agentId());
            case "number" -> List.of(call.number());
            case "hourOfWeek" -> List.of(hourOfWeek(call.startedAt(), q.zone()));
            default -> List.of();
        };
    }

    private static List<String> messageGroups(Query q, SyntheticTruth.Message message) {
        return switch (q.groupBy()) {
            case "none" -> java.util.Collections.singletonList(null);
            case "direction" -> List.of(message.direction());
            case "number" -> List.of(message.number());
            case "errorCode" -> !message.inbound() && FAILED.contains(message.status())
                    ? List.of(message.errorCode() == null ? "-" : message.errorCode()) : List.of();
            case "hourOfWeek" -> List.of(hourOfWeek(message.at(), q.zone()));
            default -> List.of();
        };
    }

    /** A message the metrics count anywhere: received, or sent and reported at least as far as sent or failed. */
    private static boolean counts(SyntheticTruth.Message m) {
        return m.inbound() || SENT.contains(m.status()) || FAILED.contains(m.status());
    }

    // --- buckets ---------------------------------------------------------------------------------

    /** The buckets' edges on the report's clock: n + 1 instants for n buckets. */
    static List<Instant> edges(Query q) {
        List<Instant> edges = new ArrayList<>();
        ZonedDateTime at = q.from();
        edges.add(at.toInstant());
        while (at.toInstant().isBefore(q.until().toInstant())) {
            at = switch (q.bucket()) {
                // Every offset of these zones is a whole number of quarter hours (New York's whole
                // hours): a quarter or an hour of elapsed time goes from one wall-clock mark to the next.
                case "quarter-hour" -> at.plus(Duration.ofMinutes(15));
                case "hour" -> at.plus(Duration.ofHours(1));
                case "day" -> at.toLocalDate().plusDays(1).atStartOfDay(at.getZone());
                case "week" -> at.toLocalDate().plusWeeks(1).atStartOfDay(at.getZone());
                case "month" -> at.toLocalDate().plusMonths(1).atStartOfDay(at.getZone());
                case "none" -> q.until();
                default -> throw new IllegalArgumentException(q.bucket());
            };
            edges.add(at.toInstant());
        }
        return edges;
    }

    static String hourOfWeek(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        return label(local.getDayOfWeek(), local.getHour());
    }

    private static String label(DayOfWeek day, int hour) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT) + "-" + String.format("%02d", hour);
    }

    // --- the formulas ------------------------------------------------------------------------------

    private static BigDecimal value(String metric, Slice s, int n) {
        List<SyntheticTruth.Call> inbound = s.calls.stream().filter(SyntheticTruth.Call::inbound).toList();
        List<SyntheticTruth.Call> answeredIn = inbound.stream().filter(SyntheticTruth.Call::answered).toList();
        List<SyntheticTruth.Call> answeredEnded = s.calls.stream().filter(c -> c.answered() && c.ended()).toList();
        long missed = inbound.stream().filter(c -> c.missed() && !c.answered()).count();
        long abandoned = inbound.stream().filter(MetricsOracle::abandoned).count();
        long offered = answeredIn.size() + missed + abandoned;
        List<Long> talk = answeredEnded.stream().map(c -> seconds(c.answeredAt(), c.endedAt())).toList();
        List<Long> handle = answeredEnded.stream().map(c -> (long) c.durationSeconds()).toList();
        List<SyntheticTruth.Message> sent = s.messages.stream().filter(m -> !m.inbound()).toList();
        return switch (metric) {
            case "calls.inbound" -> count(inbound.size());
            case "calls.outbound" -> count(s.calls.size() - inbound.size());
            case "calls.answered" -> count(answeredIn.size());
            case "calls.handled" -> count(s.calls.stream().filter(SyntheticTruth.Call::answered).count());
            case "calls.missed" -> count(missed);
            case "calls.abandoned" -> count(abandoned);
            case "calls.voicemail" -> count(inbound.stream().filter(SyntheticTruth.Call::voicemail).count());
            case "calls.afterHours" -> count(inbound.stream().filter(SyntheticTruth.Call::afterHours).count());
            case "calls.short" -> count(talk.stream().filter(t -> t < 10).count());
            case "calls.answerRate" -> rate(answeredIn.size(), offered);
            case "calls.serviceLevel" -> rate(answeredIn.stream()
                    .filter(c -> seconds(c.startedAt(), c.answeredAt()) <= n).count(), offered);
            case "calls.speedToAnswer.avg" -> average(answeredIn.stream()
                    .mapToLong(c -> seconds(c.startedAt(), c.answeredAt())).sum(), answeredIn.size());
            case "calls.talkTime.total" -> count(talk.stream().mapToLong(Long::longValue).sum());
            case "calls.talkTime.avg" -> average(talk.stream().mapToLong(Long::longValue).sum(), talk.size());
            case "calls.talkTime.p50" -> percentile(talk, 50);
            case "calls.talkTime.p90" -> percentile(talk, 90);
            case "calls.talkTime.p95" -> percentile(talk, 95);
            case "calls.handleTime.avg" -> average(handle.stream().mapToLong(Long::longValue).sum(), handle.size());
            case "calls.handleTime.p50" -> percentile(handle, 50);
            case "calls.handleTime.p90" -> percentile(handle, 90);
            case "calls.handleTime.p95" -> percentile(handle, 95);
            case "messages.sent" -> count(sent.stream().filter(m -> SENT.contains(m.status())).count());
            case "messages.delivered" -> count(sent.stream().filter(m -> DELIVERED.contains(m.status())).count());
            case "messages.failed" -> count(sent.stream().filter(m -> FAILED.contains(m.status())).count());
            case "messages.received" -> count(s.messages.stream().filter(SyntheticTruth.Message::inbound).count());
            case "messages.optOuts" -> count(s.optOuts);
            case "ivr.selections" -> count(s.selections);
            default -> throw new IllegalArgumentException("no such metric in docs/metrics.md: " + metric);
        };
    }

    /** Inbound, routed to a flow, ended, not answered, no voicemail, not after hours, not missed. */
    private static boolean abandoned(SyntheticTruth.Call c) {
        return c.flow() && c.ended() && !c.answered() && !c.voicemail() && !c.afterHours() && !c.missed();
    }

    /** Whole seconds between two moments, the fraction dropped. */
    static long seconds(Instant from, Instant to) {
        return Math.floorDiv(Duration.between(from, to).toMillis(), 1000);
    }

    private static BigDecimal count(long n) {
        return BigDecimal.valueOf(n);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** Nearest rank: the value at rank ⌈p·n/100⌉ in order, reported as the lower edge of its bin. */
    private static BigDecimal percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (p * sorted.size() + 99) / 100;
        return BigDecimal.valueOf(binStart(sorted.get(rank - 1)));
    }

    /** The documented bins: each second under a minute, 5 s to 5 min, 30 s to 30 min, 5 min to 2 h, one beyond. */
    static long binStart(long seconds) {
        if (seconds < 60) {
            return seconds;
        }
        if (seconds < 300) {
            return seconds - seconds % 5;
        }
        if (seconds < 1800) {
            return seconds - seconds % 30;
        }
        if (seconds < 7200) {
            return seconds - seconds % 300;
        }
        return 7200;
    }
}
