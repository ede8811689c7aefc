package dev.switchboard.local;

import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.wiring.AnalyticsWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of the metrics: a seeded history of thousands of calls and messages of two
 * tenants (New York and Kolkata, three weeks over New York's change to summer time) played through
 * the real webhooks and the messages API — duplicates, shuffled callbacks, several agents and
 * numbers, a flow with business hours, a menu, ring groups and a voicemail box — each request with
 * the functions' clock at its moment. Every metric of docs/metrics.md is then held to the same
 * figures computed from the generated truth alone, in many reports; the aggregates are held to a
 * rebuild from the event log, cell for cell; and counting half the log again changes nothing.
 *
 * <p>The history is in the future of the real clock: the events writer stamps an event again when
 * its commit comes long after its stamp, which a history in the past would make of every event.
 * The seed is printed; {@code -Dmetrics.seed=…} plays another history.
 */
class MetricsSyntheticTest {
    private static final long SEED = Long.getLong("metrics.seed", 20270314L);
    private static final int CALLS_EACH = Integer.getInteger("metrics.calls", 3500);
    private static final int MESSAGES_EACH = Integer.getInteger("metrics.messages", 1500);
    /** Three weeks around New York's change to summer time (Sunday 14 March 2027) and the turn of the month. */
    private static final SyntheticHistory.Days DAYS = new SyntheticHistory.Days(LocalDate.of(2027, 3, 12),
            LocalDate.of(2027, 4, 2));
    private static final LocalDate SUMMER_TIME = LocalDate.of(2027, 3, 14);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    /** Every metric, as docs/metrics.md lists them. */
    private static final List<String> ALL = List.of("calls.inbound", "calls.outbound", "calls.answered", "calls.handled",
            "calls.missed", "calls.abandoned", "calls.voicemail", "calls.afterHours", "calls.short", "calls.answerRate",
            "calls.serviceLevel", "calls.speedToAnswer.avg", "calls.talkTime.total", "calls.talkTime.avg",
            "calls.talkTime.p50", "calls.talkTime.p90", "calls.talkTime.p95", "calls.handleTime.avg",
            "calls.handleTime.p50", "calls.handleTime.p90", "calls.handleTime.p95", "messages.sent",
            "messages.delivered", "messages.failed", "messages.received", "messages.optOuts", "ivr.selections");
    private static final Set<String> PERCENTILES = Set.of("calls.talkTime.p50", "calls.talkTime.p90",
            "calls.talkTime.p95", "calls.handleTime.p50", "calls.handleTime.p90", "calls.handleTime.p95");

    private static final Map<String, Duration> phases = new LinkedHashMap<>();
    private static List<SyntheticTenant> tenants;
    private static SyntheticHistory history;
    private static int requests;
    private static Map<String, List<MetricEvent>> eventLogs;

    @BeforeAll
    static void playTheHistory() {
        TestStack.get();
        System.out.println("metrics synthetic history: seed " + SEED + " (-Dmetrics.seed=" + SEED + " plays it again)");
        try {
            Instant began = phase("start", Instant.now());
            tenants = List.of(SyntheticTenant.create("ny", NEW_YORK, "+1635", LocalDate.of(2027, 3, 17)),
                    SyntheticTenant.create("in", KOLKATA, "+1636", LocalDate.of(2027, 3, 22)));
            began = phase("set up two tenants", began);
            history = SyntheticHistory.generate(SEED, tenants, DAYS, CALLS_EACH, MESSAGES_EACH);
            began = phase("generate", began);
            // The app's messages get the callbacks this history sends, in its order, not the simulator's.
            TestStack.twilio().holdMessageCallbacks(true);
            try (var player = new SyntheticPlayer()) {
                Instant playing = began;
                player.play(history.hits, n -> System.out.printf("  %,d requests in %s%n", n,
                        Duration.between(playing, Instant.now())));
                requests = player.requests();
            } finally {
                TestStack.twilio().holdMessageCallbacks(false);
            }
            began = phase("play", began);
            drainUntilCounted();
            phase("drain", began);
            // The replay API lists what is older than its settle window: the history, a day on.
            SyntheticPlayer.clockAt(DAYS.last().plusDays(2).atStartOfDay(NEW_YORK).toInstant());
        } catch (RuntimeException | Error e) {
            SyntheticPlayer.realClock();
            throw e;
        }
    }

    @AfterAll
    static void theRealClockAgain() {
        SyntheticPlayer.realClock();
        if (history == null) {
            return;
        }
        StringBuilder out = new StringBuilder("metrics synthetic history, seed " + SEED + ": ");
        out.append(history.truth.calls().size()).append(" calls, ").append(history.truth.messages().size())
                .append(" messages, ").append(history.truth.optOuts().size()).append(" opt-outs; ")
                .append(String.format("%,d", history.hits.size())).append(" deliveries, ")
                .append(String.format("%,d", requests)).append(" requests\n");
        history.kinds.forEach((kind, n) -> out.append(String.format("  %-45s %5d%n", kind, n)));
        phases.forEach((phase, took) -> out.append(String.format("  %-30s %6.1f s%n", phase, took.toMillis() / 1000.0)));
        System.out.print(out);
    }

    private static long cpuBefore;

    private static Instant phase(String name, Instant began) {
        Instant now = Instant.now();
        phases.put(name, Duration.between(began, now));
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf("  %s: %.1f s (cpu %.1f s, load %.1f)%n", name, Duration.between(began, now).toMillis() / 1000.0,
                (cpu - cpuBefore) / 1e9, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        cpuBefore = cpu;
        return now;
    }

    /**
     * Delivers what the streams hold until the figures stop moving: the counter's own
     * metrics.today events are a last round of records, which it passes over.
     */
    private static void drainUntilCounted() {
        String before = null;
        for (int round = 0; round < 20; round++) {
            TestStack.get().eventSources().drain();
            StringBuilder figures = new StringBuilder();
            for (SyntheticTenant tenant : tenants) {
                figures.append(Api.call("GET", "/v1/tenants/{tenantId}/metrics", Map.of("tenantId", tenant.id()),
                        "?bucket=none&metrics=calls.inbound,calls.answered,calls.abandoned,messages.sent,messages.failed"
                                + "&from=" + DAYS.first().minusDays(1) + "&to=" + DAYS.last().plusDays(1),
                        tenant.key(), null).body());
            }
            if (figures.toString().equals(before)) {
                return;
            }
            before = figures.toString();
        }
        throw new AssertionError("the figures kept moving after 20 drains");
    }

    // --- every metric against the oracle ----------------------------------------------------------

    @Test
    void everyMetricIsWhatTheTruthMakesIt() throws IOException {
        Instant began = Instant.now();
        var check = new MetricsReportCheck(new MetricsOracle(history.truth), tenants);
        for (SyntheticTenant tenant : tenants) {
            reports(check, tenant);
        }
        phase("reports (" + check.reports + ")", began);
        System.out.printf("  %d reports, %,d rows, %,d figures compared%n", check.reports, check.rows, check.figures);
        System.out.print(check.summary());
        assertTrue(check.differences.isEmpty(), check.summary());
        assertEquals(documentedMetrics(), new TreeSet<>(ALL), "the metrics docs/metrics.md defines are the ones checked");
        assertEquals(new TreeSet<>(ALL), check.metricsChecked, "every metric checked");
        assertTrue(check.figures > 30_000, "a substantial comparison: " + check.figures + " figures");
    }

    private static void reports(MetricsReportCheck check, SyntheticTenant tenant) {
        ZoneId zone = tenant.zone();
        ZoneId other = zone.equals(NEW_YORK) ? KOLKATA : NEW_YORK;
        String t = tenant.id();
        ZonedDateTime from = DAYS.first().atStartOfDay(zone);
        ZonedDateTime until = DAYS.last().plusDays(1).atStartOfDay(zone);
        List<String> byAgent = ALL.subList(0, ALL.indexOf("calls.talkTime.avg") + 1);
        List<String> byNumber = ALL.stream().filter(m -> !m.equals("ivr.selections") && !PERCENTILES.contains(m)).toList();
        // An opt-out has no direction in docs/events.md: it is left out of the grouping by direction.
        List<String> byDirection = ALL.stream().filter(m -> !m.equals("ivr.selections") && !m.equals("messages.optOuts"))
                .toList();
        List<String> byHour = ALL.stream().filter(m -> !m.equals("ivr.selections")).toList();
        List<String> answering = List.of("calls.answered", "calls.missed", "calls.abandoned", "calls.answerRate",
                "calls.serviceLevel");

        check.check("day, all metrics, the tenant's zone by default", q(t, ALL, "day", from, until, "none", 20), true, false);
        check.check("day, service level 7 s", q(t, answering, "day", from, until, "none", 7), true, true);
        check.check("whole range, service level 60 s", q(t, answering, "none", from, until, "none", 60), true, true);
        check.check("whole range, service level 299 s", q(t, answering, "none", from, until, "none", 299), false, true);
        check.check("hour, the day New York's clocks go forward",
                q(t, ALL, "hour", SUMMER_TIME.atStartOfDay(zone), SUMMER_TIME.plusDays(1).atStartOfDay(zone), "none", 20),
                false, true);
        LocalDate busy = LocalDate.of(2027, 3, 16);
        check.check("hour, a Tuesday", q(t, ALL, "hour", busy.atStartOfDay(zone), busy.plusDays(1).atStartOfDay(zone),
                "none", 20), false, true);
        check.check("quarter-hour, a morning", q(t, ALL, "quarter-hour", ZonedDateTime.of(busy, LocalTime.of(8, 0), zone),
                ZonedDateTime.of(busy, LocalTime.of(13, 0), zone), "none", 20), false, true);
        check.check("quarter-hour, the whole range", q(t, List.of("calls.inbound", "calls.outbound", "messages.received",
                "messages.sent", "messages.optOuts"), "quarter-hour", from, until, "none", 20), false, true);
        check.check("week", q(t, ALL, "week", LocalDate.of(2027, 3, 8).atStartOfDay(zone),
                LocalDate.of(2027, 4, 5).atStartOfDay(zone), "none", 20), true, true);
        check.check("month", q(t, ALL, "month", LocalDate.of(2027, 3, 1).atStartOfDay(zone),
                LocalDate.of(2027, 5, 1).atStartOfDay(zone), "none", 20), true, true);
        check.check("whole range by direction", q(t, byDirection, "none", from, until, "direction", 20), true, true);
        check.check("day by agent", q(t, byAgent, "day", from, until, "agent", 20), true, true);
        check.check("week by number", q(t, byNumber, "week", LocalDate.of(2027, 3, 8).atStartOfDay(zone),
                LocalDate.of(2027, 4, 5).atStartOfDay(zone), "number", 20), true, true);
        check.check("whole range by option", q(t, List.of("ivr.selections"), "none", from, until, "option", 20), true, true);
        check.check("day by option", q(t, List.of("ivr.selections"), "day", from, until, "option", 20), true, true);
        check.check("whole range by error code", q(t, List.of("messages.failed"), "none", from, until, "errorCode", 20),
                true, true);
        check.check("whole range by hour of the week", q(t, byHour, "none", from, until, "hourOfWeek", 20), true, true);
        check.check("day in " + other, q(t, ALL, "day", DAYS.first().atStartOfDay(other),
                DAYS.last().plusDays(1).atStartOfDay(other), "none", 20), true, true);
    }

    private static MetricsOracle.Query q(String tenant, List<String> metrics, String bucket, ZonedDateTime from,
                                         ZonedDateTime until, String groupBy, int serviceLevel) {
        return new MetricsOracle.Query(tenant, metrics, bucket, from, until, groupBy, serviceLevel);
    }

    /** The metric names of docs/metrics.md's table (`calls.talkTime.p50`, `.p90` …, the suffixes spelled out). */
    private static Set<String> documentedMetrics() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        String table = doc.substring(doc.indexOf("| metric | definition"), doc.indexOf("## Groupings"));
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("`([a-zA-Z.0-9]+)`");
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = name.matcher(first);
            String base = null;
            while (m.find()) {
                String n = m.group(1);
                if (n.startsWith(".") && base != null) {
                    n = base.substring(0, base.lastIndexOf('.')) + n;
                } else {
                    base = n;
                }
                names.add(n);
            }
        }
        return names;
    }

    // --- the rebuild -------------------------------------------------------------------------------

    private static synchronized Map<String, List<MetricEvent>> eventLogs() {
        if (eventLogs == null) {
            eventLogs = new LinkedHashMap<>();
            for (SyntheticTenant tenant : tenants) {
                eventLogs.put(tenant.id(), EventLogCells.eventLog(tenant).stream().map(EventLogCells::metricEvent)
                        .flatMap(java.util.Optional::stream).toList());
            }
        }
        return eventLogs;
    }

    private static Instant historyFrom() {
        return DAYS.first().minusDays(2).atStartOfDay(NEW_YORK).toInstant();
    }

    private static Instant historyUntil() {
        return DAYS.last().plusDays(3).atStartOfDay(NEW_YORK).toInstant();
    }

    @Test
    void theAggregatesAreWhatOnePassOverTheEventLogMakes() {
        Instant began = Instant.now();
        var logs = eventLogs();
        var cells = new EventLogCells();
        int compared = 0;
        int events = 0;
        List<String> differences = new ArrayList<>();
        for (SyntheticTenant tenant : tenants) {
            var log = logs.get(tenant.id());
            events += log.size();
            var rebuilt = EventLogCells.rebuilt(tenant.id(), log);
            Set<String> dimensions = new HashSet<>();
            rebuilt.keySet().forEach(k -> dimensions.add(k.dimension()));
            var maintained = cells.maintained(tenant.id(), historyFrom(), historyUntil(), dimensions);
            differences.addAll(EventLogCells.differences(rebuilt, maintained).stream()
                    .map(d -> tenant.zone() + " " + d).toList());
            compared += Math.max(rebuilt.size(), maintained.size());
        }
        phase("rebuild from the event log", began);
        System.out.printf("  rebuild: %,d events, %,d cells compared%n", events, compared);
        assertTrue(differences.isEmpty(), differences.size() + " cells differ:\n  "
                + String.join("\n  ", differences.subList(0, Math.min(20, differences.size()))));
        assertTrue(events > 20_000, "the whole log read: " + events + " events");
        assertTrue(compared > 10_000, "a substantial comparison: " + compared + " cells");
    }

    @Test
    void countingHalfTheEventLogAgainChangesNothing() {
        Instant began = Instant.now();
        var logs = eventLogs();
        var cells = new EventLogCells();
        var ingest = new AnalyticsWiring(TestStack.repositories().platform()).ingest();
        Random random = new Random(SEED);
        for (SyntheticTenant tenant : tenants) {
            var before = cells.maintained(tenant.id(), historyFrom(), historyUntil(), Set.of());
            List<MetricEvent> again = new ArrayList<>(logs.get(tenant.id()));
            Collections.shuffle(again, random);
            again = new ArrayList<>(again.subList(0, again.size() / 2));
            int batches = 0;
            while (!again.isEmpty()) {
                int size = Math.min(again.size(), 1 + random.nextInt(600));
                List<MetricEvent> batch = new ArrayList<>(again.subList(0, size));
                again.subList(0, size).clear();
                // A stream batch retried: some events twice in one batch.
                batch.addAll(batch.subList(0, batch.size() / 5));
                Collections.shuffle(batch, random);
                assertEquals(Set.of(), ingest.ingest(batch), "no tenant's figures moved");
                batches++;
            }
            var after = cells.maintained(tenant.id(), historyFrom(), historyUntil(), Set.of());
            assertEquals(List.of(), EventLogCells.differences(before, after), tenant.zone() + ": cells unchanged");
            assertTrue(after.size() > 5_000, "cells compared: " + after.size());
            System.out.printf("  %s: half the log counted again in %d batches, %,d cells unchanged%n", tenant.zone(),
                    batches, after.size());
        }
        phase("counting again", began);
    }
}
