package dev.switchboard.local.bench;

import dev.switchboard.local.LocalStack;
import dev.switchboard.local.twilio.Timeline;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.report.Level;
import dev.switchboard.shared.analytics.store.DynamoMetricsStore;
import dev.switchboard.shared.analytics.wiring.AnalyticsWiring;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The metrics' two targets on the local stack, in this JVM:
 * <ul>
 * <li>a 90-day hourly report (2,160 buckets, the counters and three distributions) answers in p95
 *     ≤ 300 ms: 90 days of a tenant's calls and messages are counted first, through the counter's
 *     own classes, then the report is asked for through the HTTP API;</li>
 * <li>a completed call is in the figures within 60 s (p95): calls played by the Twilio simulator at a
 *     steady rate through the real webhooks, each timed from its last webhook to the moment the
 *     tenant's count of ended calls first includes it (the k-th call to end against the count
 *     reaching k).</li>
 * </ul>
 */
public final class MetricsBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** The phone the benchmark tenant's number forwards to, answered by the simulator. */
    private static final String PHONE = "+15005550184";
    private static final String REPORT = "calls.inbound,calls.answered,calls.missed,calls.answerRate,"
            + "calls.serviceLevel,calls.talkTime.avg,calls.talkTime.p90,calls.handleTime.p90,messages.received";

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int queries = Options.integer(args, "--queries", 50);
        int perHour = Options.integer(args, "--calls-per-hour", 3);
        int rate = Options.integer(args, "--rate", 10);
        int seconds = Options.integer(args, "--seconds", 30);
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
            run(stack, queries, perHour, rate, seconds, System.out);
        }
        System.exit(0);
    }

    /** Both parts, printed to {@code out}; the lines the README quotes. */
    public static Figures run(LocalStack stack, int queries, int perHour, int rate, int seconds, PrintStream out)
            throws Exception {
        out.printf("Metrics, local stack on loopback, %s, %d cores%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        PrintStream console = System.out;
        // The functions log a line per request, as in Lambda: formatted, not printed here.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            var query = query(stack, queries, perHour, out);
            var fresh = freshness(stack, rate, seconds, out);
            return new Figures(query, fresh);
        } finally {
            System.setOut(console);
        }
    }

    /** p50, p95, p99 in milliseconds. */
    public record Percentiles(double p50, double p95, double p99) {
        static Percentiles of(List<Double> values) {
            return new Percentiles(ProcessFigures.percentile(values, 50), ProcessFigures.percentile(values, 95),
                    ProcessFigures.percentile(values, 99));
        }
    }

    public record Figures(Percentiles hourlyReport, Percentiles freshness) {
    }

    private static Percentiles query(LocalStack stack, int queries, int perHour, PrintStream out) throws Exception {
        String api = stack.baseUrl().toString();
        String key = stack.environment().get(Settings.ADMIN_API_KEY);
        String tenant = "metrics-bench-" + Long.toHexString(System.nanoTime());
        post(api + "/v1/tenants", key, Map.of("id", tenant, "name", "Metrics benchmark"));
        var platform = Platform.create(Settings.from(stack.environment()));
        var ingest = new AnalyticsWiring(platform).ingest();
        LocalDate today = LocalDate.now(ZONE);
        Instant from = today.minusDays(90).atStartOfDay(ZONE).toInstant();
        Instant until = today.atStartOfDay(ZONE).toInstant();
        long started = System.nanoTime();
        List<MetricEvent> batch = new ArrayList<>();
        int calls = 0;
        int messages = 0;
        for (Instant hour = from; hour.isBefore(until); hour = hour.plus(1, ChronoUnit.HOURS)) {
            for (int i = 0; i < perHour; i++) {
                calls++;
                batch.addAll(answeredCall(tenant, hour.plusSeconds(60L * (7 + 17 * i)), calls));
            }
            messages++;
            batch.add(event(tenant, "m" + messages, "message.received", hour.plusSeconds(1500),
                    Map.of("messageId", "msg_" + messages, "to", "+15005550901")));
            if (batch.size() >= 1000) {
                ingest.ingest(batch);
                batch.clear();
            }
        }
        ingest.ingest(batch);
        out.printf("90 days counted: %d calls and %d messages in %.1f s, through the counter's own classes%n", calls,
                messages, (System.nanoTime() - started) / 1e9);
        String url = api + "/v1/tenants/" + tenant + "/metrics?metrics=" + REPORT + "&bucket=hour&from="
                + today.minusDays(90) + "&to=" + today.minusDays(1) + "&tz=" + ZONE.getId();
        var first = Json.parse(get(url, key));
        int rows = first.path("rows").size();
        long counted = 0;
        for (var row : first.path("rows")) {
            counted += row.path("values").path("calls.inbound").asLong();
        }
        if (counted != calls) {
            throw new IllegalStateException("the report counts " + counted + " calls of " + calls);
        }
        // Measured warm: the first few dozen run before the JIT has compiled the reader, the SDK
        // and DynamoDB Local (all in this JVM), and would measure the compiler.
        for (int i = 0; i < 60; i++) {
            get(url, key);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            get(url, key);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        var p = Percentiles.of(millis);
        out.printf("| report | buckets | p50 | p95 | p99 |%n|---|---|---|---|---|%n");
        out.printf("| 90 days, hourly, %d metrics (%s) | %d | %.0f ms | %.0f ms | %.0f ms |%n",
                REPORT.split(",").length, "counters and three distributions", rows, p.p50(), p.p95(), p.p99());
        return p;
    }

    private static List<MetricEvent> answeredCall(String tenant, Instant at, int n) {
        String sid = "CA" + String.format("%032x", n);
        int ring = 3 + n % 25;
        int talk = 20 + (n * 37) % 400;
        Instant answered = at.plusSeconds(ring);
        Instant ended = answered.plusSeconds(talk);
        return List.of(
                event(tenant, sid + "s", "call.started", at, Map.of("callSid", sid, "direction", "inbound",
                        "from", "+14155550100", "to", "+1500555090" + (n % 3), "agentId", "agent-" + (n % 3),
                        "routing", "forward")),
                event(tenant, sid + "a", "call.status-changed", answered, Map.of("callSid", sid, "status", "in-progress",
                        "answeredAt", answered.toString())),
                event(tenant, sid + "c", "call.status-changed", ended, Map.of("callSid", sid, "status", "completed",
                        "answeredAt", answered.toString(), "endedAt", ended.toString(),
                        "durationSeconds", Integer.toString(ring + talk))));
    }

    private static MetricEvent event(String tenant, String id, String type, Instant at, Map<String, String> fields) {
        return new MetricEvent("evt_" + id, tenant, type, at, fields);
    }

    private static Percentiles freshness(LocalStack stack, int rate, int seconds, PrintStream out) throws Exception {
        var store = new AnalyticsWiring(Platform.create(Settings.from(stack.environment()))).store();
        TwilioSimulator twilio = stack.simulator().orElseThrow();
        // A tenant of its own, so that nothing else counted meanwhile moves its figures.
        String api = stack.baseUrl().toString();
        String admin = stack.environment().get(Settings.ADMIN_API_KEY);
        String tenant = "metrics-fresh-" + Long.toHexString(System.nanoTime());
        post(api + "/v1/tenants", admin, Map.of("id", tenant, "name", "Freshness"));
        String account = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        twilio.addAccount(account, token);
        send("PUT", api + "/v1/tenants/" + tenant + "/twilio", admin, Map.of("accountSid", account, "authToken", token));
        String number = "+1637" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        twilio.addNumber(account, number);
        send("POST", api + "/v1/tenants/" + tenant + "/numbers", admin, Map.of("phoneNumber", number,
                "routing", Map.of("mode", "forward", "forwardTo", PHONE, "timeoutSeconds", 20)));
        twilio.answer(PHONE, "answered");
        Timeline silent = new Timeline() {
            @Override
            public void step(String line) {
            }

            @Override
            public void failure(String line) {
            }
        };
        long base = ended(store, tenant);
        List<Instant> completions = Collections.synchronizedList(new ArrayList<>());
        List<Instant> countedAt = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        // Watches the tenant's count of ended calls: the time each new count is first seen.
        Thread watcher = Thread.ofVirtual().start(() -> {
            long seen = base;
            while (watching.get()) {
                long now = ended(store, tenant);
                Instant at = Instant.now();
                for (long k = seen; k < now; k++) {
                    countedAt.add(at);
                }
                seen = Math.max(seen, now);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        });
        List<Thread> calls = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            calls.add(Thread.ofVirtual().start(() -> {
                if (twilio.playInbound("+1415555" + String.format("%04d", (int) (Math.random() * 10_000)), number,
                        "answered", null, silent)) {
                    completions.add(Instant.now());
                }
            }));
        }
        for (Thread call : calls) {
            call.join();
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (countedAt.size() < completions.size() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        watching.set(false);
        watcher.join();
        List<Instant> ends = new ArrayList<>(completions);
        Collections.sort(ends);
        List<Double> millis = new ArrayList<>();
        for (int k = 0; k < ends.size() && k < countedAt.size(); k++) {
            millis.add((double) Math.max(0, Duration.between(ends.get(k), countedAt.get(k)).toMillis()));
        }
        var p = Percentiles.of(millis);
        out.printf("| freshness | calls | p50 | p95 | p99 |%n|---|---|---|---|---|%n");
        out.printf("| a completed call in the figures, %d calls a second for %d s | %d of %d | %.0f ms | %.0f ms | %.0f ms |%n",
                rate, seconds, millis.size(), ends.size(), p.p50(), p.p95(), p.p99());
        return p;
    }

    /** The tenant's answered calls counted as ended, over the last days and the next (UTC hours). */
    private static long ended(DynamoMetricsStore store, String tenant) {
        long untilSlot = Instant.now().plus(1, ChronoUnit.DAYS).getEpochSecond() / 60;
        long fromSlot = untilSlot - 3 * 24 * 60;
        long sum = 0;
        for (var cell : store.read(tenant, Level.HOUR, "c", "all", fromSlot - fromSlot % 60, untilSlot - untilSlot % 60)) {
            sum += cell.sums().getOrDefault("hdlN", 0L);
        }
        return sum;
    }

    private static String get(String url, String key) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void post(String url, String key, Object body) throws Exception {
        send("POST", url, key, body);
    }

    private static void send(String method, String url, String key, Object body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
